/**
 * Turns whatever an OpenAI-compatible upstream answered into the project's AppError, so the UI can
 * show a localized cause and hint instead of `Unexpected token <` or a raw JSON dump.
 * Pure and browser-safe: the server proxy uses it, and so does the browser in "own key" mode.
 *
 * Order of evidence: the error's code and message (they survive relays that change the status, and
 * one-api sends quota problems as 401), then the HTTP status. The upstream's own text is kept
 * verbatim in `upstreamMessage` and its request id in `requestId` (lib/upstream/body.ts).
 */
import { AppError, parseErrorInfo, type ErrorCode, type ErrorInfo } from "../errors";
import {
  clip,
  extractRequestId,
  findErrorFields,
  getHeader,
  type HeaderLike,
  htmlTitle,
  looksLikeHtml,
  tryParseJson,
  type UpstreamErrorFields,
} from "./body";
import { KEY_STATUS, keyProblem } from "./key-errors";

export { extractRequestId, findErrorFields, hasErrorBody } from "./body";

const SUMMARY: Partial<Record<ErrorCode, string>> = {
  upstream_auth: "The upstream rejected the API key",
  upstream_key_missing: "No API key reached the upstream",
  upstream_key_expired: "The relay key has expired",
  upstream_key_disabled: "The relay key is disabled",
  upstream_token_quota: "The relay key's own quota is used up",
  upstream_quota: "The upstream account has no quota or balance left",
  upstream_forbidden: "The upstream refused this request for this key or region",
  upstream_not_found: "The upstream has no such endpoint (check BASE_URL)",
  model_not_found: "The upstream does not offer this model",
  context_too_long: "The conversation is longer than the model's context window",
  max_tokens_too_large: "max_tokens is larger than the model allows",
  payload_too_large: "The request is too large",
  upstream_rate_limited: "The upstream rate limit was hit",
  upstream_overloaded: "The upstream is overloaded",
  upstream_server: "The upstream failed",
  upstream_html: "The upstream answered with a web page instead of the API",
  upstream_bad_response: "The upstream answered with something that is not the API's format",
  upstream_bad_request: "The upstream rejected the request",
  upstream_timeout: "The upstream did not answer in time",
  upstream_unreachable: "The upstream could not be reached",
  stream_interrupted: "The answer was cut off",
  unknown: "The upstream reported an error",
};

/** The status to report when the upstream's own is unusable (a 2xx or 3xx carrying an error). */
const IMPLIED_STATUS: Partial<Record<ErrorCode, number>> = {
  ...KEY_STATUS,
  upstream_auth: 401,
  upstream_quota: 402,
  upstream_forbidden: 403,
  model_not_found: 404,
  context_too_long: 400,
  max_tokens_too_large: 400,
  upstream_bad_request: 400,
  payload_too_large: 413,
  upstream_rate_limited: 429,
  upstream_overloaded: 503,
  upstream_timeout: 504,
};

type Rule = [ErrorCode, RegExp];

// Matched against "code type message" in this order; the first hit wins.
const RULES: Rule[] = [
  ["upstream_quota", /insufficient_quota|insufficient_user_quota|pre_consume_token_quota_failed|billing_hard_limit|额度已用尽|额度不足|余额|quota|insufficient (account |user )?balance|credit balance|out of credits/i],
  ["context_too_long", /context_length_exceeded|maximum context length|context (length|window)|exceeds? (the )?context|prompt is too long|input is too long|too many (input |prompt )?tokens|上下文长度/i],
  ["max_tokens_too_large", /\b(max_tokens|max_completion_tokens|max_output_tokens)\b(?![^.]*\b(not supported|unsupported)\b).*(too large|exceed|above|greater|at most|maximum|less than or equal|range|>)|(maximum|max) (number of )?(output|completion) tokens/i],
  ["upstream_forbidden", /无权使用模型|unsupported_country_region_territory|country, region, or territory|not allowed to use (the )?model|request_forbidden|permission_denied|permission denied/i],
  ["upstream_auth", /invalid_api_key|无效的令牌|未提供令牌|令牌已过期|令牌状态不可用|令牌已被禁用|incorrect api key|invalid api[ _-]?key|invalid (access )?token|authentication_error|unauthori[sz]ed|api key (is )?(missing|expired|revoked)/i],
  ["model_not_found", /model_not_found|无可用渠道|no available channel|model[^.]*does not exist|does not exist[^.]*model|model[^.]*not found|unknown model|模型不存在/i],
  ["upstream_overloaded", /负载已饱和|overloaded|server is busy|服务器繁忙|系统繁忙|at capacity/i],
  ["upstream_rate_limited", /rate_limit|rate limit|too many requests|请求过于频繁|请求频率/i],
  ["upstream_timeout", /FUNCTION_INVOCATION_TIMEOUT|timed? ?out|timeout|超时/i],
  ["payload_too_large", /request entity too large|payload too large|request too large|body too large/i],
];

function byStatus(status: number): ErrorCode {
  if (status === 401) return "upstream_auth";
  if (status === 402) return "upstream_quota";
  if (status === 403) return "upstream_forbidden";
  if (status === 404 || status === 405 || (status >= 300 && status < 400)) return "upstream_not_found";
  if (status === 408 || status === 504 || status === 524) return "upstream_timeout";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "upstream_rate_limited";
  if (status === 529) return "upstream_overloaded";
  if (status >= 500) return "upstream_server";
  if (status >= 400) return "upstream_bad_request";
  return "upstream_server"; // a 2xx that still carries an error
}

/** new-api's chained form: `{"code":"bad_response_status_code","param":"404","message":"bad response status code 404 ..."}` */
function chainedStatus(fields: UpstreamErrorFields): number | undefined {
  const fromMessage = /bad response status code (\d{3})/i.exec(fields.message ?? "")?.[1];
  if (fields.code !== "bad_response_status_code" && !fromMessage) return undefined;
  const n = Number(fields.param ?? fromMessage);
  return Number.isInteger(n) && n >= 100 && n < 600 ? n : undefined;
}

function codeFor(status: number, fields: UpstreamErrorFields): ErrorCode {
  const haystack = [fields.code, fields.type, fields.message].filter(Boolean).join(" ");
  const key = keyProblem(haystack);
  if (key) return key;
  for (const [code, re] of RULES) if (re.test(haystack)) return code;
  const inner = chainedStatus(fields);
  if (inner !== undefined) {
    // The relay's own upstream failed: that is the relay's problem, not the user's key or URL.
    if (inner === 429) return "upstream_rate_limited";
    if (inner === 408 || inner === 504 || inner === 524) return "upstream_timeout";
    return "upstream_server";
  }
  return byStatus(status);
}

function make(code: ErrorCode, upstreamStatus: number, upstreamMessage: string | undefined, requestId: string | undefined, note?: string): AppError {
  const status = upstreamStatus >= 400 && upstreamStatus < 600 ? upstreamStatus : (IMPLIED_STATUS[code] ?? 502);
  const base = SUMMARY[code] ?? "The upstream reported an error";
  const info: ErrorInfo = { code, status, message: note ? `${base} (${note})` : `${base} (HTTP ${upstreamStatus})` };
  if (upstreamMessage) info.upstreamMessage = upstreamMessage;
  if (requestId) info.requestId = requestId;
  return new AppError(info);
}

/**
 * Classifies an upstream answer that is an error: any non-2xx, or a 2xx whose body is an error or
 * is not the API's format. The returned status is the upstream's own when it is 4xx/5xx, otherwise
 * one that matches the error (a 200 carrying an error never stays 200).
 */
export function classifyUpstreamError(status: number, bodyText: string, headers?: HeaderLike): AppError {
  const text = bodyText ?? "";
  if (looksLikeHtml(text, getHeader(headers, "content-type"))) {
    const title = htmlTitle(text) ?? clip(text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "), 200);
    let code: ErrorCode = "upstream_html";
    if (status === 404 || status === 405) code = "upstream_not_found";
    else if (status === 413) code = "payload_too_large";
    else if (status === 429) code = "upstream_rate_limited";
    else if (status === 408 || status === 504 || status === 524) code = "upstream_timeout";
    return make(code, status, title || undefined, extractRequestId(undefined, headers));
  }
  const json = tryParseJson(text);
  const fields = findErrorFields(json, status < 200 || status >= 300);
  if (fields) {
    const code = codeFor(status, fields);
    const requestId = extractRequestId(fields.message, headers, fields.requestId);
    const upstreamMessage = clip(fields.message ?? fields.code ?? text);
    return make(code, status, upstreamMessage, requestId);
  }
  const trimmed = text.trim();
  if (status >= 200 && status < 300) {
    return make("upstream_bad_response", status, trimmed ? clip(trimmed, 300) : undefined, extractRequestId(trimmed, headers), trimmed ? undefined : "empty body");
  }
  // Plain text or JSON without error fields: keywords first (Vercel's FUNCTION_INVOCATION_TIMEOUT),
  // then the status.
  const code = codeFor(status, { message: json === undefined ? trimmed : undefined });
  return make(code, status, trimmed ? clip(trimmed) : undefined, extractRequestId(trimmed, headers));
}

/**
 * Classifies the payload of a mid-stream `data: {"error":...}` event: our own ErrorInfo (sent by the
 * proxy once a stream is committed) is returned as is; a relay's error is classified like a body
 * that came with a 200.
 */
export function classifyStreamError(payload: unknown, headers?: HeaderLike): ErrorInfo {
  // Ours always carries a numeric status; a relay's `code` may coincide with one of ours.
  const ownStatus = (payload as { error?: { status?: unknown } } | null)?.error?.status;
  const own = typeof ownStatus === "number" ? parseErrorInfo(payload) : null;
  if (own) return own;
  const fields = findErrorFields(payload, true);
  if (!fields) return make("upstream_bad_response", 200, undefined, extractRequestId(undefined, headers), "unreadable stream event").toInfo();
  const code = codeFor(200, fields);
  return make(code, 200, clip(fields.message ?? fields.code ?? ""), extractRequestId(fields.message, headers, fields.requestId), "in the stream").toInfo();
}

const UNREACHABLE_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|ECONNABORTED|EPROTO|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|UND_ERR_CLOSED|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|ERR_INVALID_URL)/;
const TIMEOUT_CODES = /^(ETIMEDOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/;

export interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** The error and its causes, breadth first (fetch wraps socket errors in a TypeError; happy
 *  eyeballs gives an AggregateError); at most 8. */
export function causes(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 8) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const el = e as ErrorLike;
    out.push(el);
    if (el.cause) queue.push(el.cause);
    if (Array.isArray(el.errors)) queue.push(...el.errors);
  }
  return out;
}

export interface FetchFailureContext {
  /** The caller aborted because its idle timer fired. */
  timedOut?: boolean;
  /** The failure happened after the answer started streaming. */
  midStream?: boolean;
}

/** Classifies a fetch that threw: refused, DNS, TLS, reset, or timed out. */
export function classifyFetchFailure(err: unknown, context: FetchFailureContext = {}): AppError {
  const chain = causes(err);
  const detail = chain.map((e) => e.code).find((c): c is string => typeof c === "string" && c !== "ABORT_ERR");
  const text = chain.map((e) => e.message).filter(Boolean).join(": ");
  const upstreamMessage = clip(detail && !text.includes(detail) ? `${detail}: ${text}` : text || String(err), 300) || undefined;
  const timedOut =
    context.timedOut || chain.some((e) => e.name === "TimeoutError" || (typeof e.code === "string" && TIMEOUT_CODES.test(e.code)));
  if (timedOut) {
    return new AppError({ code: "upstream_timeout", status: 504, message: "The upstream sent nothing for too long", upstreamMessage });
  }
  if (context.midStream) {
    return new AppError({ code: "stream_interrupted", status: 502, message: "The upstream connection broke off mid-answer", upstreamMessage });
  }
  if (chain.some((e) => e.name === "AbortError")) {
    return new AppError({ code: "stream_interrupted", status: 499, message: "The request was aborted", upstreamMessage });
  }
  const known = chain.some((e) => typeof e.code === "string" && UNREACHABLE_CODES.test(e.code));
  return new AppError({
    code: "upstream_unreachable",
    status: 502,
    message: known ? `The upstream could not be reached (${detail})` : "The upstream could not be reached",
    upstreamMessage,
  });
}
