/**
 * Deciding what to forward, before anything goes upstream: the path allow-list, the request body
 * (size limit, JSON shape) and the headers. Framework-free so the Next route handler and a plain
 * node:http fast path share it.
 *
 * The upstream URL is always BASE_URL joined with one of the constant paths below, never anything
 * taken from the request, so the proxy cannot be pointed elsewhere (no SSRF, no `../`).
 */
import { z } from "zod";
import { joinApiUrl } from "../upstream/base-url";
import { AppError } from "../errors";

export type ProxyKind = "chat" | "models" | "billing";

export interface ProxyRoute {
  kind: ProxyKind;
  method: "GET" | "POST";
  /** The API path as joinApiUrl wants it (the `v1/` prefix is added there). */
  apiPath: string;
  forwardQuery: boolean;
}

const ROUTES: Record<string, ProxyRoute> = {
  "v1/chat/completions": { kind: "chat", method: "POST", apiPath: "v1/chat/completions", forwardQuery: false },
  "v1/models": { kind: "models", method: "GET", apiPath: "v1/models", forwardQuery: false },
  "dashboard/billing/subscription": { kind: "billing", method: "GET", apiPath: "dashboard/billing/subscription", forwardQuery: true },
  "dashboard/billing/usage": { kind: "billing", method: "GET", apiPath: "dashboard/billing/usage", forwardQuery: true },
  "v1/dashboard/billing/subscription": { kind: "billing", method: "GET", apiPath: "dashboard/billing/subscription", forwardQuery: true },
  "v1/dashboard/billing/usage": { kind: "billing", method: "GET", apiPath: "dashboard/billing/usage", forwardQuery: true },
};

/** The 404 every request that is not forwarded gets, whatever its method. */
export function pathNotAllowed(method: string, shown: string): AppError {
  return new AppError({ code: "path_not_allowed", status: 404, message: `${method.toUpperCase()} /${shown.slice(0, 100)} is not forwarded` });
}

/**
 * The allow-listed route at these segments (after /api/openai/, already URL-decoded, as Next's
 * catch-all params are), whatever the method; undefined for anything else. Segments that are
 * empty, `.`/`..`, or contain a slash, backslash, colon, `%`, `?` or `#` are refused outright:
 * they only appear in traversal or URL tricks.
 */
export function findProxyRoute(segments: readonly string[]): ProxyRoute | undefined {
  const suspicious = segments.length === 0 || segments.some((s) => s === "" || s === "." || s === ".." || /[/\\:%?#\0]/.test(s));
  return suspicious ? undefined : exactProxyRoute(segments.join("/"));
}

/** The allow-listed route for this method and these segments; throws 404 path_not_allowed otherwise. */
export function resolveProxyRoute(method: string, segments: readonly string[]): ProxyRoute {
  const route = findProxyRoute(segments);
  if (!route || route.method !== method.toUpperCase()) throw pathNotAllowed(method, segments.join("/"));
  return route;
}

/**
 * The allow-listed route whose path is exactly `rawPath`, as sent (nothing decoded or
 * normalised); undefined for anything else. Own keys only, so `constructor` or `__proto__` is no route.
 */
export function exactProxyRoute(rawPath: string): ProxyRoute | undefined {
  return Object.hasOwn(ROUTES, rawPath) ? ROUTES[rawPath] : undefined;
}

/** For callers holding a raw, still-encoded path such as `v1/chat/completions` (the node fast path). */
export function resolveProxyPath(method: string, rawPath: string): ProxyRoute {
  // The common case first: exactly an allow-listed path (nothing to decode, no odd segment).
  const exact = exactProxyRoute(rawPath);
  if (exact && exact.method === method.toUpperCase()) return exact;
  let segments: string[];
  try {
    segments = rawPath.replace(/^\/+/, "").split("/").map(decodeURIComponent);
  } catch {
    throw pathNotAllowed(method, rawPath);
  }
  return resolveProxyRoute(method, segments);
}

export function upstreamUrl(baseUrl: string, route: ProxyRoute, search: string): string {
  // Re-serialised so only well-formed key=value pairs reach the upstream.
  const query = route.forwardQuery ? new URLSearchParams(search).toString() : "";
  return joinApiUrl(baseUrl, route.apiPath, query);
}

/** The default body limit (MAX_REQUEST_MB's default, lib/server/env.ts); the proxy passes the configured one. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

function tooLarge(max: number, size?: number): AppError {
  const mb = Math.round((max / 1024 / 1024) * 10) / 10;
  return new AppError({
    code: "server_body_limit",
    status: 413,
    message: `The request body is larger than this server's limit of ${mb} MB (MAX_REQUEST_MB)`,
    limitBytes: max,
    ...(size !== undefined ? { requestBytes: size } : {}),
  });
}

/** Refuses a body by its declared length, before reading any of it. */
export function checkContentLength(contentLength: string | null | undefined, max = MAX_BODY_BYTES): void {
  if (contentLength !== null && contentLength !== undefined && Number(contentLength) > max) throw tooLarge(max, Number(contentLength));
}

/** Collects a request body, refusing it as soon as it passes `max` bytes. */
export class BodyLimiter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(readonly max = MAX_BODY_BYTES) {}

  /** Throws payload_too_large once the body has grown past the limit. */
  add(chunk: Uint8Array): void {
    this.size += chunk.byteLength;
    if (this.size > this.max) throw tooLarge(this.max);
    this.chunks.push(chunk);
  }

  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }
}

/** Reads a web request body, refusing it as soon as it passes `max` bytes (by header or by count). */
export async function readBodyLimited(body: ReadableStream<Uint8Array> | null, contentLength: string | null, max = MAX_BODY_BYTES): Promise<Uint8Array> {
  try {
    checkContentLength(contentLength, max);
  } catch (err) {
    await body?.cancel().catch(() => {});
    throw err;
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const limiter = new BodyLimiter(max);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    try {
      limiter.add(value);
    } catch (err) {
      await reader.cancel().catch(() => {});
      throw err;
    }
  }
  return limiter.bytes();
}

// Only what the proxy relies on; every other field (tools, response_format, reasoning_effort, ...)
// passes through untouched because the original bytes are forwarded, not a re-serialisation.
// `content` is a string, null (an assistant's tool call), or OpenAI's content parts (text and
// image_url parts for image input, other part types for other vendors), each an object with a type.
const contentPartSchema = z.looseObject({ type: z.string().min(1) });
export const chatBodySchema = z.looseObject({
  model: z.string().trim().min(1).max(200),
  messages: z.array(z.looseObject({ role: z.string().min(1), content: z.union([z.string(), z.null(), z.array(contentPartSchema)]).optional() })).min(1),
  stream: z.boolean().optional(),
});

export interface ChatBodyInfo {
  model: string;
  stream: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * chatBodySchema's rules written out, for the common case of a valid body: true only when the
 * schema accepts `json` too (proxy-request.test.ts checks them side by side), so zod runs only to
 * word the error of a body that fails here. Saves zod's cost on every proxied request.
 */
export function isPlainValidChatBody(json: unknown): json is { model: string; messages: unknown[]; stream?: boolean } {
  if (!isRecord(json)) return false;
  const { model, messages, stream } = json;
  if (typeof model !== "string") return false;
  const trimmed = model.trim();
  if (trimmed.length < 1 || trimmed.length > 200) return false;
  if (stream !== undefined && typeof stream !== "boolean") return false;
  if (!Array.isArray(messages) || messages.length < 1) return false;
  for (const m of messages) {
    if (!isRecord(m) || typeof m.role !== "string" || m.role.length < 1) return false;
    const content = m.content;
    if (content === undefined || content === null || typeof content === "string") continue;
    if (!Array.isArray(content)) return false;
    for (const part of content) if (!isRecord(part) || typeof part.type !== "string" || part.type.length < 1) return false;
  }
  return true;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Validates a chat completion request body; throws bad_request with the first problem found. */
export function validateChatBody(bytes: Uint8Array): ChatBodyInfo {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new AppError({ code: "bad_request", status: 400, message: "The request body is not valid JSON" });
  }
  if (isPlainValidChatBody(json)) return { model: json.model.trim(), stream: json.stream === true };
  const parsed = chatBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "body";
    throw new AppError({ code: "bad_request", status: 400, message: `Invalid chat request: ${where}: ${issue.message}` });
  }
  return { model: parsed.data.model, stream: parsed.data.stream === true };
}

/**
 * Headers sent upstream: an allow-list, plus the server key. The client's Authorization (an "own
 * key" must never reach the server's upstream), x-access-code, cookies, host and forwarding
 * headers (the user's address is not the relay's business) are all left behind.
 */
const FORWARDED_HEADERS = ["content-type", "accept", "accept-language", "user-agent", "openai-organization", "openai-project"];

export function upstreamHeaders(clientHeaders: { get(name: string): string | null }, apiKey: string, hasBody: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = clientHeaders.get(name);
    if (value) out[name] = value;
  }
  if (hasBody) out["content-type"] = "application/json";
  out.authorization = `Bearer ${apiKey}`;
  return out;
}
