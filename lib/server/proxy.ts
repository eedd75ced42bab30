import "server-only";
import { AppError } from "../errors";
import { billingCache, wholeAnswer } from "./billing-cache";
import { redactSecrets } from "../upstream/body";
import { getEnv, type ServerEnv } from "./env";
import { assertModelAllowed } from "./model-policy";
import { withFailover } from "./failover-call";
import { findProxyRoute, pathNotAllowed, readBodyLimited, resolveProxyRoute, type ProxyRoute, upstreamHeaders, upstreamUrl, validateChatBody } from "./proxy-request";
import { relayUpstream, type RelayOptions, type RelayResult } from "./relay";
import { fetchUpstream, type UpstreamRequest } from "./upstream";

/**
 * The /api/openai/* proxy, independent of Next: decide (allow-list) → authorise (server key set)
 * → validate (body) → relay. The access code was already checked by proxy.ts (or by whatever
 * entry point calls this, using lib/server/access.ts). Returns a framework-neutral RelayResult;
 * toWebResponse() turns it into a fetch Response for the route handler. The node:http fast path
 * (node-proxy.ts) runs the same prepareProxyCall() and relay decisions over Node streams.
 */

export interface ProxyInput {
  method: string;
  /** Path segments after /api/openai/, URL-decoded. */
  segments: readonly string[];
  /** The request's query string (with or without "?"). */
  search: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
  /** Aborts when the browser disconnects. */
  signal?: AbortSignal;
}

export interface PreparedCall {
  /** The call to the first endpoint. */
  request: UpstreamRequest;
  /** With several endpoints (BASE_URL a list): the same call's URL on each, in order, for failover. */
  urls?: string[];
  relay: Omit<RelayOptions, "clientSignal">;
}

/**
 * Everything decided before the upstream is called, for an already resolved route: the server key
 * (503 without one), the request body (read by `readBody`, size-limited, validated for chat, its
 * model checked against a restricted list: lib/server/model-policy.ts), the
 * upstream URL and headers, and the relay's timings.
 */
export async function prepareProxyCall(
  route: ProxyRoute,
  input: { search: string; headers: { get(name: string): string | null } },
  readBody: (contentLength: string | null, maxBytes: number) => Promise<Uint8Array>,
  env: ServerEnv,
): Promise<PreparedCall> {
  if (route.kind === "billing" && !env.enableBalanceQuery) {
    throw new AppError({ code: "balance_disabled", status: 403, message: "Balance queries with the server's key are off: the server's owner can set ENABLE_BALANCE_QUERY=1" });
  }
  const apiKey = env.upstreamConfigured ? env.apiKey() : undefined;
  if (!apiKey) {
    throw new AppError({ code: "not_configured", status: 503, message: "The server has no OPENAI_API_KEY configured" });
  }
  let body: Uint8Array | undefined;
  let stream = false;
  if (route.kind === "chat") {
    body = await readBody(input.headers.get("content-length"), env.maxRequestBytes);
    const chat = validateChatBody(body);
    // Before the upstream is called: a refused model costs nothing.
    assertModelAllowed(chat.model, env);
    stream = chat.stream;
  }
  const urls = env.baseUrls.length > 1 ? env.baseUrls.map((root) => upstreamUrl(root, route, input.search)) : undefined;
  return {
    request: { url: urls?.[0] ?? upstreamUrl(env.baseUrl, route, input.search), method: route.method, headers: upstreamHeaders(input.headers, apiKey, body !== undefined), body },
    urls,
    relay: { stream, timings: { firstBytePingMs: env.firstBytePingMs, pingIntervalMs: env.pingIntervalMs, idleTimeoutMs: env.requestTimeoutMs } },
  };
}

export async function proxyToUpstream(input: ProxyInput, env: ServerEnv = getEnv()): Promise<RelayResult> {
  const route = resolveProxyRoute(input.method, input.segments);
  const call = await prepareProxyCall(route, input, (length, max) => readBodyLimited(input.body, length, max), env);
  const start = withFailover(call.request, call.urls, env, fetchUpstream);
  // Billing answers are small JSON, shared by every caller for a minute: no browser signal on them.
  if (route.kind === "billing") return billingCache().get(call.request.url, () => wholeAnswer(relayUpstream(start, call.relay)));
  return relayUpstream(start, { ...call.relay, clientSignal: input.signal });
}

/** Any failure as the project's error result: AppErrors as they are, anything else as a bare 500. */
export function errorResult(err: unknown, extraHeaders?: Record<string, string>): RelayResult<never> {
  let error: AppError;
  if (err instanceof AppError) {
    error = err;
  } else {
    // Only the error's own text, masked: request headers (code, keys) are never logged.
    const e = err as Error;
    console.error(`[proxy] unexpected ${e?.name ?? "error"}: ${redactSecrets(e?.message ?? String(err))}`);
    error = new AppError({ code: "unknown", status: 500, message: "Internal error in the proxy" });
  }
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extraHeaders };
  if (error.requestId) headers["x-request-id"] = error.requestId;
  return { status: error.status, headers, body: JSON.stringify(error.toBody()) };
}

export function toWebResponse(result: RelayResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/** proxyToUpstream as a fetch Response, never throwing. */
export async function proxyResponse(input: ProxyInput, env?: ServerEnv): Promise<Response> {
  try {
    return toWebResponse(await proxyToUpstream(input, env));
  } catch (err) {
    return toWebResponse(errorResult(err));
  }
}

/**
 * The answer to OPTIONS on /api/openai/<segments>, after the access gate, on both servers (the
 * route handler exports it; the fast server leaves OPTIONS to Next). Left to itself Next answers
 * every path 204 with `Allow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT` (whatever route.ts
 * exports), advertising methods that always answer 404 and paths that are never forwarded. So:
 * an allow-listed path says the one method it takes (HEAD is not listed: it answers 404), and
 * anything else is 404 path_not_allowed, as for every other method. No CORS headers: only this
 * app's own page, same origin, calls the proxy, so a cross-origin preflight must fail.
 */
export function proxyOptionsResponse(segments: readonly string[]): Response {
  const route = findProxyRoute(segments);
  if (!route) return toWebResponse(errorResult(pathNotAllowed("OPTIONS", segments.join("/"))));
  // A 204 may carry no body at all (not even ""), so not through toWebResponse.
  return new Response(null, { status: 204, headers: { Allow: [route.method, "OPTIONS"].sort().join(", ") } });
}
