/**
 * The one error type of the project. Every failure, on the server or in the browser, becomes an
 * AppError with a stable code; routes send it as `{ "error": ErrorInfo }` JSON (or as an SSE
 * `data: {"error":...}` event once a stream is committed), and the UI turns the code into a
 * localized explanation with a hint (lib/upstream/error-hints.ts).
 */

export const ERROR_CODES = [
  "access_code_required", // 401: the server has CODE set and none was sent
  "access_code_invalid", // 401: the code sent is wrong
  "access_locked", // 429: too many wrong codes from this address
  "not_configured", // 503: the server has no BASE_URL / OPENAI_API_KEY
  "path_not_allowed", // 404: the proxy only forwards an allow-list of paths
  "bad_request", // 400: our own validation of the request failed
  "forbidden_origin", // 403: a POST from another site's page (Origin or Sec-Fetch-Site says so)
  "method_not_allowed", // 405: a method this server never answers (TRACE, PROPFIND, ...)
  "unsupported_media_type", // 415: a POST to /api/* whose Content-Type is not application/json
  "model_not_allowed", // 403: CUSTOM_MODELS starts with -all and the model is not in the list
  "balance_disabled", // 403: the billing paths with the server's key, while ENABLE_BALANCE_QUERY is off
  "doctor_rate_limited", // 429: the connection doctor already ran for this client in the last minute
  "upstream_bad_request", // 400/422 from upstream we cannot narrow down, e.g. an unsupported parameter
  "upstream_auth", // 401 from upstream: a wrong or foreign key (one-api: 无效的令牌)
  "upstream_key_missing", // 401: no key reached the upstream (one-api: 未提供令牌)
  "upstream_key_expired", // 401: the relay key's expiry date passed (one-api: 该令牌已过期)
  "upstream_key_disabled", // 401: the relay key was switched off (one-api: 该令牌状态不可用)
  "upstream_token_quota", // 401/402: the relay key's own quota limit is used up (one-api: 该令牌额度已用尽)
  "upstream_quota", // 402/403/429 from upstream about the account's quota, balance or billing
  "upstream_forbidden", // 403 from upstream: region, model not allowed for this key
  "upstream_not_found", // 404 from upstream: usually a wrong BASE_URL
  "model_not_found", // unknown model, or a relay without a channel for it
  "context_too_long", // 400 context_length_exceeded
  "max_tokens_too_large", // 400 about max_tokens
  "payload_too_large", // 413 from the upstream (the relay's or provider's own size limit)
  "request_too_large", // client side: the request would be larger than the limit the page knows, not sent
  "server_body_limit", // 413: larger than this server accepts (MAX_REQUEST_MB)
  "gateway_body_limit", // 413 from a reverse proxy in front of this server (nginx client_max_body_size)
  "vercel_body_limit", // 413 FUNCTION_PAYLOAD_TOO_LARGE: Vercel's 4.5 MB request limit
  "upstream_rate_limited", // 429 rate limit
  "upstream_overloaded", // 429/503 relay saturated
  "upstream_server", // other 5xx
  "upstream_html", // an HTML page (nginx, CDN) instead of JSON
  "upstream_bad_response", // a body we cannot read as JSON or SSE
  "upstream_unreachable", // connection refused, DNS failure, TLS failure
  "upstream_timeout", // idle timeout, 504, 524, Vercel FUNCTION_INVOCATION_TIMEOUT
  "network", // the browser could not reach our server at all
  "offline", // the browser is offline (navigator.onLine is false)
  "direct_cors", // own key: the endpoint answers, but does not allow calls from a web page (CORS)
  "direct_unreachable", // own key: the browser cannot connect to the endpoint at all
  "stream_interrupted", // the stream ended before the answer finished
  "prompt_too_long", // client side: even the system prompt and the question do not fit
  "unknown",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** HTTP status: the upstream's own when the error came from upstream. */
  status: number;
  /** A short English summary; the UI shows a localized text from the code instead. */
  message: string;
  /** What the upstream said, verbatim (trimmed), so users can quote it to their relay. */
  upstreamMessage?: string;
  /** The relay's request id, from the message or an x-request-id style header. */
  requestId?: string;
  /** The model the error is about, when the text should name it (model_not_allowed). */
  model?: string;
  /** Size errors: the body that was refused, and the limit that refused it (when known), in bytes. */
  requestBytes?: number;
  limitBytes?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly upstreamMessage?: string;
  readonly requestId?: string;
  readonly model?: string;
  readonly requestBytes?: number;
  readonly limitBytes?: number;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = "AppError";
    this.code = info.code;
    this.status = info.status;
    this.upstreamMessage = info.upstreamMessage;
    this.requestId = info.requestId;
    this.model = info.model;
    this.requestBytes = info.requestBytes;
    this.limitBytes = info.limitBytes;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, status: this.status, message: this.message };
    if (this.upstreamMessage) info.upstreamMessage = this.upstreamMessage;
    if (this.requestId) info.requestId = this.requestId;
    if (this.model) info.model = this.model;
    if (this.requestBytes !== undefined) info.requestBytes = this.requestBytes;
    if (this.limitBytes !== undefined) info.limitBytes = this.limitBytes;
    return info;
  }

  toBody(): { error: ErrorInfo } {
    return { error: this.toInfo() };
  }

  toResponse(headers?: HeadersInit): Response {
    const h = new Headers(headers);
    h.set("Content-Type", "application/json; charset=utf-8");
    h.set("Cache-Control", "no-store");
    return new Response(JSON.stringify(this.toBody()), { status: this.status, headers: h });
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/** Reads our own `{error: ErrorInfo}` body back; returns null for any other shape. */
export function parseErrorInfo(body: unknown): ErrorInfo | null {
  if (!body || typeof body !== "object") return null;
  const err = (body as { error?: unknown }).error;
  if (!err || typeof err !== "object") return null;
  const e = err as Record<string, unknown>;
  if (!isErrorCode(e.code) || typeof e.message !== "string") return null;
  const info: ErrorInfo = {
    code: e.code,
    status: typeof e.status === "number" ? e.status : 500,
    message: e.message,
  };
  if (typeof e.upstreamMessage === "string") info.upstreamMessage = e.upstreamMessage;
  if (typeof e.requestId === "string") info.requestId = e.requestId;
  if (typeof e.model === "string") info.model = e.model;
  if (typeof e.requestBytes === "number" && e.requestBytes >= 0) info.requestBytes = e.requestBytes;
  if (typeof e.limitBytes === "number" && e.limitBytes > 0) info.limitBytes = e.limitBytes;
  return info;
}
