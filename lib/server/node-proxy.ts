import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { AppError } from "../errors";
import { billingCache, wholeAnswer } from "./billing-cache";
import { COMMON_SECURITY_HEADERS } from "../security-headers.mjs";
import { accessErrorHeaders, checkAccess } from "./access";
import { getEnv, type ServerEnv } from "./env";
import { withFailover } from "./failover-call";
import { errorResult, prepareProxyCall } from "./proxy";
import { BodyLimiter, checkContentLength, exactProxyRoute, MAX_BODY_BYTES, resolveProxyPath } from "./proxy-request";
import type { RelayResult } from "./relay";
import { type NodeSseStream, relayUpstreamNode } from "./relay-node";
import { guardErrorHeaders, guardRequest, methodNotAllowed } from "./request-guard";
import { LightAbort } from "./upstream-call";
import { headerGetter, requestUpstream } from "./upstream-node";

/**
 * /api/openai/* served straight from a node:http server (server/fast-server.ts), the same steps
 * as proxy.ts (the access gate) + app/api/openai/[...path]/route.ts + lib/server/proxy.ts, without
 * Next's per-request and per-chunk layers: request guard (method, JSON, origin) → access code and
 * lock-out (keyed on the socket's address, or on X-Forwarded-For under TRUST_PROXY) → allow-list → server key → body limit and validation →
 * relay, piped with plain writes. Never throws; answers every failure with the project's error JSON.
 * server/fast-server.ts sends it only what isProxyTarget() accepts; the checks below stay complete
 * all the same, so serveProxy is safe in front of any request.
 */

export const PROXY_PREFIX = "/api/openai/";

/**
 * Is this request one for the fast path? Only an allow-listed path with the one method it takes,
 * exactly as the page sends it: origin-form, nothing percent-encoded, no dot segment, no doubled,
 * trailing or back slash, no fragment. Everything else under /api/openai/ goes to Next's handler,
 * where proxy.ts and the route handler answer it exactly as they do under `server.js` and on
 * Vercel: a trailing slash, `//` or `\` is a 308 to the cleaned path (before the access gate), dot
 * segments and `%2e` are resolved, OPTIONS and HEAD get their answers (an unknown method never
 * gets here: server/fast-server.ts refuses it first), and anything not forwarded is the route's
 * 404 JSON. Copying Next's URL
 * normalisation here instead would be a second copy to keep in step with every Next release, for
 * requests the page never makes; the fast path only needs the exact forms.
 */
export function isProxyTarget(method: string | undefined, url: string | undefined): boolean {
  if (url === undefined || !url.startsWith(PROXY_PREFIX) || url.includes("#")) return false;
  const query = url.indexOf("?", PROXY_PREFIX.length);
  const route = exactProxyRoute(url.slice(PROXY_PREFIX.length, query < 0 ? undefined : query));
  return route !== undefined && route.method === method;
}

function splitTarget(url: string): { pathname: string; search: string } {
  const q = url.indexOf("?");
  return q < 0 ? { pathname: url, search: "" } : { pathname: url.slice(0, q), search: url.slice(q) };
}

const clientAborted = () => new AppError({ code: "stream_interrupted", status: 499, message: "The request was aborted" });

/** Reads the request body within MAX_BODY_BYTES. */
export function readNodeBody(req: IncomingMessage, contentLength: string | null, max = MAX_BODY_BYTES): Promise<Uint8Array> {
  checkContentLength(contentLength, max);
  return new Promise((resolve, reject) => {
    const limiter = new BodyLimiter(max);
    const onData = (chunk: Buffer) => {
      try {
        limiter.add(chunk);
      } catch (err) {
        // Stop collecting; Node discards the rest once the answer is sent.
        req.off("data", onData);
        reject(err);
      }
    };
    req.on("data", onData);
    req.on("end", () => resolve(limiter.bytes()));
    req.on("error", () => reject(clientAborted()));
    req.on("close", () => {
      if (!req.complete) reject(clientAborted());
    });
  });
}

/** What next.config.mjs puts on every answer of Next's, for the answers made here. */
const SECURITY_HEADERS: Record<string, string> = Object.fromEntries(COMMON_SECURITY_HEADERS.map((h) => [h.key, h.value]));

function writeResult(res: ServerResponse, result: RelayResult<NodeSseStream>): void {
  if (res.headersSent) return void res.end();
  if (typeof result.body === "string") {
    res.writeHead(result.status, { ...SECURITY_HEADERS, ...result.headers, "Content-Length": String(Buffer.byteLength(result.body)) });
    res.end(result.body);
    return;
  }
  // As with Next's route handler, the headers leave with the first write (a chunk or a ping).
  res.writeHead(result.status, { ...SECURITY_HEADERS, ...result.headers });
  result.body.pipe(res);
}

/** 405 for a method the app never answers, on any path, before Next sees it (no stack trace). */
export function refuseMethod(res: ServerResponse): void {
  res.on("error", () => {});
  const error = methodNotAllowed();
  writeError(res, error, guardErrorHeaders(error));
}

/**
 * The same 405 on a raw socket, for CONNECT: Node hands CONNECT to the server's 'connect' event,
 * not to the request handler, and without a listener it drops the connection without an answer.
 */
export function refuseConnect(socket: Duplex): void {
  socket.on("error", () => {});
  const error = methodNotAllowed();
  const { status, headers, body } = errorResult(error, guardErrorHeaders(error));
  const lines = Object.entries({ ...SECURITY_HEADERS, ...headers, "Content-Length": String(Buffer.byteLength(body as string)), Connection: "close" }).map(([k, v]) => `${k}: ${v}`);
  socket.end(`HTTP/1.1 ${status} Method Not Allowed\r\n${lines.join("\r\n")}\r\n\r\n${body as string}`);
}

function writeError(res: ServerResponse, err: unknown, extraHeaders?: Record<string, string>): void {
  // A body refused as too large is left unread: Node discards the rest once the answer is sent (as
  // with Next), bounded by the server's requestTimeout, so the browser still gets to read the 413.
  writeResult(res, errorResult(err, extraHeaders));
}

export async function serveProxy(req: IncomingMessage, res: ServerResponse, env: ServerEnv = getEnv()): Promise<void> {
  // A write to a connection the browser already closed must not become an unhandled 'error'.
  res.on("error", () => {});
  try {
    const method = req.method ?? "GET";
    const { pathname, search } = splitTarget(req.url ?? "/");
    const headers = headerGetter(req.headers);
    const refused = guardRequest({ method, pathname, headers }, { trustProxyHops: env.trustProxyHops });
    if (refused) return writeError(res, refused, guardErrorHeaders(refused));
    const denied = await checkAccess({ method, pathname, headers, peerAddress: req.socket.remoteAddress ?? "" }, env);
    if (denied) return writeError(res, denied, accessErrorHeaders(denied));

    const client = new LightAbort();
    res.on("close", () => {
      if (!res.writableFinished) client.abort(new DOMException("The client went away", "AbortError"));
    });
    const route = resolveProxyPath(method, pathname.slice(PROXY_PREFIX.length));
    const call = await prepareProxyCall(route, { search, headers }, (length, max) => readNodeBody(req, length, max), env);
    const start = withFailover(call.request, call.urls, env, requestUpstream);
    // Billing answers are small JSON, shared by every caller for a minute (billing-cache.ts).
    const result =
      route.kind === "billing"
        ? await billingCache().get(call.request.url, () => wholeAnswer(relayUpstreamNode(start, call.relay)))
        : await relayUpstreamNode(start, { ...call.relay, clientSignal: client });
    writeResult(res, result);
  } catch (err) {
    writeError(res, err);
  }
}
