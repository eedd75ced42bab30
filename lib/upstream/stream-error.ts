/**
 * Reads a relay's `error` value that arrives inside a stream (`data: {"error":...}`), where the
 * HTTP status was already 200. Deliberately small: the thorough classifier for HTTP error bodies
 * is ./errors.ts. Problems with the key itself are told apart by ./key-errors.ts first.
 */
import type { ErrorCode, ErrorInfo } from "../errors";
import { keyProblem } from "./key-errors";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

// Keyword rules, first match wins, after the key rules. Quota comes before auth because quota
// messages may also name the token (令牌). The status given is the one this kind of error usually has: inside a stream the real HTTP
// status was already 200.
const RULES: Array<[RegExp, ErrorCode, number]> = [
  [/insufficient_(user_)?quota|pre_consume_token_quota_failed|quota|额度|余额|balance|billing/i, "upstream_quota", 403],
  [/context_length_exceeded|maximum context length|context length|上下文/i, "context_too_long", 400],
  [/max_tokens|max_completion_tokens/i, "max_tokens_too_large", 400],
  [/无权使用模型|unsupported_country|not supported in your region|forbidden/i, "upstream_forbidden", 403],
  [/invalid_api_key|incorrect api key|invalid api key|无效的令牌|未提供令牌|令牌已过期|令牌状态不可用|unauthori[sz]ed/i, "upstream_auth", 401],
  [/负载已饱和|overloaded|saturated|capacity/i, "upstream_overloaded", 503],
  [/rate_limit|rate limit|too many requests/i, "upstream_rate_limited", 429],
  [/model_not_found|does not exist|无可用渠道|no available channel|model not found/i, "model_not_found", 404],
  [/timeout|timed out|超时/i, "upstream_timeout", 504],
];

const STREAM_ERROR = "The upstream reported an error in the middle of the stream";

function codeForStatus(status: number | undefined): ErrorCode {
  switch (status) {
    case 401:
      return "upstream_auth";
    case 403:
      return "upstream_forbidden";
    case 404:
      return "upstream_not_found";
    case 413:
      return "payload_too_large";
    case 429:
      return "upstream_rate_limited";
    default:
      // Inside a stream the HTTP status was already 200, so "server" is the honest default.
      return "upstream_server";
  }
}

function match(text: string): [ErrorCode, number] | undefined {
  const key = keyProblem(text);
  // one-api sends the key problems with 401, the account's quota with 403.
  if (key) return [key, key === "upstream_quota" ? 403 : 401];
  const rule = RULES.find(([re]) => re.test(text));
  return rule ? [rule[1], rule[2]] : undefined;
}

/** Maps a relay's `error` value (`{message, type, code}` or a bare string) to an ErrorInfo. */
export function mapRelayError(err: unknown): ErrorInfo {
  let message = "";
  let code = "";
  let type = "";
  if (typeof err === "string") message = err;
  else if (isObj(err)) {
    if (typeof err.message === "string") message = err.message;
    if (typeof err.code === "string" || typeof err.code === "number") code = String(err.code);
    if (typeof err.type === "string") type = err.type;
  }
  // The machine-readable code is more reliable than prose (a 429 message may mention "billing"),
  // so it is tried alone first.
  const haystack = `${code} ${type} ${message}`;
  const rule = (code ? match(code) : undefined) ?? match(haystack);
  // Chained relays report the inner upstream's status as "bad response status code 404".
  const chained = /status code (\d{3})/i.exec(message)?.[1];
  const chainedStatus = chained ? Number(chained) : undefined;
  const info: ErrorInfo = rule
    ? { code: rule[0], status: rule[1], message: STREAM_ERROR }
    : { code: codeForStatus(chainedStatus), status: chainedStatus ?? 502, message: STREAM_ERROR };
  const upstream = message.trim() || code || type;
  if (upstream) info.upstreamMessage = upstream.slice(0, 1000);
  const requestId = extractRequestId(message);
  if (requestId) info.requestId = requestId;
  return info;
}

/**
 * Chained relays append one `(request id: X)` each, the innermost first. The user's own relay is
 * the outermost, and its id is the one its support can look up, so the LAST one is returned.
 */
export function extractRequestId(message: string): string | undefined {
  const ids = [...message.matchAll(/\(request id:\s*([^)\s]+)\s*\)/gi)].map((m) => m[1]);
  return ids.length ? ids[ids.length - 1] : undefined;
}

