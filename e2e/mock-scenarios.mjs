// What the mock upstream can answer: every error body of /work/shared/RELAYS.md with its status,
// and the stream quirks relays really produce. Plain ESM so `node` runs it without a TS loader.
// A scenario is a plain object; `resolveScenario(name)` turns a `mock:<name>` directive (or an
// enqueue("<name>") call) into one.

const oneApiId = (n) => `2025010112000000${String(n).padStart(4, "0")}`;
let errorCounter = 0;
const json = (error) => JSON.stringify({ error });
const page = (title) => `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** Error scenarios: name → () => { status, body, contentType?, headers? } (fresh request ids each time). */
export const ERRORS = {
  "error-401-openai": () => ({
    status: 401,
    headers: { "x-request-id": `req_mock_${++errorCounter}` },
    body: json({ message: "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.", type: "invalid_request_error", param: null, code: "invalid_api_key" }),
  }),
  "error-403-openai-region": () => ({ status: 403, body: json({ code: "unsupported_country_region_territory", message: "Country, region, or territory not supported", param: null, type: "request_forbidden" }) }),
  "error-400-context": () => ({
    status: 400,
    body: json({
      message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (5000 in the messages, 4000 in the completion). Please reduce the length of the messages or completion.",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    }),
  }),
  "error-400-max-tokens": () => ({ status: 400, body: json({ message: "max_tokens is too large: 100000. This model supports at most 16384 completion tokens, whereas you provided 100000.", type: "invalid_request_error", param: "max_tokens", code: "invalid_value" }) }),
  "error-400-unsupported-param": () => ({ status: 400, body: json({ message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" }) }),
  "error-429-openai-rate": () => ({ status: 429, body: json({ message: "Rate limit reached for gpt-4o-mini in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1.", type: "requests", param: null, code: "rate_limit_exceeded" }) }),
  "error-429-openai-quota": () => ({ status: 429, body: json({ message: "You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota", param: null, code: "insufficient_quota" }) }),
  "error-404-model": () => ({ status: 404, body: json({ message: "The model 'gpt-9-mock' does not exist", type: "invalid_request_error", param: null, code: "model_not_found" }) }),
  "error-500-openai": () => ({ status: 500, body: json({ message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null }) }),
  ...oneApi("error-401-oneapi", 401, "无效的令牌"),
  ...oneApi("error-401-oneapi-no-token", 401, "未提供令牌"),
  ...oneApi("error-401-oneapi-expired", 401, "该令牌已过期"),
  ...oneApi("error-401-oneapi-exhausted", 401, "该令牌额度已用尽"),
  // Newer one-api names the token: the limit set on this key, not the account's balance.
  ...oneApi("error-401-oneapi-token-quota", 401, "令牌 (12) 额度已用尽"),
  ...oneApi("error-401-oneapi-disabled", 401, "该令牌状态不可用"),
  ...oneApi("error-403-oneapi-model", 403, "该令牌无权使用模型：gpt-4o"),
  ...oneApi("error-403-oneapi-quota", 403, "user quota is not enough", "insufficient_user_quota"),
  ...oneApi("error-403-oneapi-preconsume", 403, "pre-consume quota failed", "pre_consume_token_quota_failed"),
  ...oneApi("error-503-oneapi-no-channel", 503, "当前分组 default 下对于模型 gpt-4o-mnii 无可用渠道"),
  ...oneApi("error-429-oneapi-saturated", 429, "当前分组上游负载已饱和，请稍后再试", undefined, false),
  "error-404-newapi-chained": () => {
    const a = oneApiId(++errorCounter);
    const b = oneApiId(++errorCounter);
    return {
      status: 404,
      headers: { "X-Oneapi-Request-Id": b },
      body: json({ code: "bad_response_status_code", type: "upstream_error", param: "404", message: `bad response status code 404 (request id: ${a}) (request id: ${b})` }),
    };
  },
  "error-502-html": () => ({ status: 502, contentType: "text/html", body: page("502 Bad Gateway") }),
  "error-504-html": () => ({ status: 504, contentType: "text/html", body: page("504 Gateway Time-out") }),
  "error-404-html": () => ({ status: 404, contentType: "text/html", body: page("404 Not Found") }),
  "error-413-html": () => ({ status: 413, contentType: "text/html", body: page("413 Request Entity Too Large") }),
  "error-524-html": () => ({ status: 524, contentType: "text/html", body: `<!DOCTYPE html><html><head><title>relay.example | 524: A timeout occurred</title></head><body>Cloudflare</body></html>` }),
  "error-504-vercel": () => ({ status: 504, contentType: "text/plain; charset=utf-8", headers: { "x-vercel-error": "FUNCTION_INVOCATION_TIMEOUT" }, body: "An error occurred with your deployment\n\nFUNCTION_INVOCATION_TIMEOUT\n\nsin1::mock-1700000000000-abcdef\n" }),
  // Relays answer some errors (billing ones always) with HTTP 200 and an error body.
  ...oneApi("error-200-body", 200, "该令牌额度已用尽"),
};

const subscription = (amount) => JSON.stringify({ object: "billing_subscription", has_payment_method: true, soft_limit_usd: amount, hard_limit_usd: amount, system_hard_limit_usd: amount, access_until: 0 });

/**
 * Fixed answers of the billing paths (enqueue them with `path: "/v1/dashboard/billing/subscription"`);
 * served like the error scenarios. Unqueued, the mock answers $100 total and $12.345 used.
 */
export const BILLING = {
  "billing-unlimited": () => ({ status: 200, body: subscription(100000000) }),
  "billing-units": () => ({ status: 200, body: subscription(5000000) }),
  "billing-error-200": () => ({ status: 200, body: json({ message: "该令牌已过期 (request id: 20250101120000009)", type: "one_api_error" }) }),
  "billing-404": () => ({ status: 404, body: json({ message: "Invalid URL (GET /v1/dashboard/billing/subscription)", type: "invalid_request_error", param: null, code: null }) }),
};

function oneApi(name, status, message, code, withId = true) {
  return {
    [name]: () => {
      const id = oneApiId(++errorCounter);
      const error = { message: withId ? `${message} (request id: ${id})` : message, type: "one_api_error" };
      if (code) error.code = code;
      return { status, headers: { "X-Oneapi-Request-Id": id }, body: json(error) };
    },
  };
}

/** Stream-shape scenarios (also answered as JSON when the request has stream: false). */
const STREAMS = {
  stream: () => ({ kind: "stream" }),
  json: () => ({ kind: "json" }),
  title: () => ({ kind: "stream", title: true }),
  hang: (n) => ({ kind: "stream", headersDelayMs: n ?? 2000 }),
  "hang-body": (n) => ({ kind: "stream", bodyDelayMs: n ?? 2000 }),
  "hang-error": (n) => ({ kind: "error", delayMs: n ?? 1500, error: "error-401-oneapi" }),
  cut: () => ({ kind: "stream", cut: true }),
  reset: () => ({ kind: "stream", reset: true }),
  stall: () => ({ kind: "stream", stall: true }),
  "midstream-error": () => ({ kind: "stream", midstreamError: true }),
  length: () => ({ kind: "stream", finishReason: "length" }),
  // What an answer says about itself (RELAYS.md): a safety stop with no text, a bare [DONE],
  // a tool call this client does not run, and a relay answering with another model than asked.
  "content-filter": () => ({ kind: "stream", contentChunks: [], finishReason: "content_filter" }),
  empty: () => ({ kind: "stream", contentChunks: [], onlyDone: true }),
  "tool-calls": () => ({ kind: "stream", contentChunks: [], toolCalls: true, finishReason: "tool_calls" }),
  "other-model": () => ({ kind: "stream", modelSuffix: "-2024-08-06", fingerprint: "fp_2024_mock" }),
  "reasoning-both": () => ({ kind: "stream", reasoning: "Let me think about the question step by step. First, the user wants a short answer." }),
  think: () => ({
    kind: "stream",
    contentChunks: ["<th", "ink>", "The user asks a question.", " I should answer briefly.", "</thi", "nk>", "\n\nHere is the answer", " after thinking: **42**."],
  }),
  "azure-filter": () => ({ kind: "stream", azureFilter: true }),
  crlf: () => ({ kind: "stream", crlf: true }),
  ping: () => ({ kind: "stream", pings: true }),
  slow: (n) => ({ kind: "stream", chunks: n ?? 200, chunkDelayMs: 20, long: true }),
  // For bench/: each piece carries the time it was sent, so a client can tell each chunk's latency.
  stamped: (n) => ({ kind: "stream", chunks: n ?? 20, chunkDelayMs: 5, stamp: true }),
  unicode: () => ({
    kind: "stream",
    text: "你好！这是一个中文回答，用来测试多字节字符在网络分块时被切开的情况。🙂 表情符号也一样：🚀✨。最后一句。",
    byteSplit: 5,
    chunkDelayMs: 5,
  }),
};

export const SCENARIO_NAMES = [...Object.keys(STREAMS), ...Object.keys(ERRORS), ...Object.keys(BILLING)];

/**
 * "hang-1500" → hang for 1500 ms; "slow-50" → 50 chunks; plain names use their defaults.
 * Returns null for an unknown name.
 */
export function resolveScenario(name) {
  const n = String(name).trim().toLowerCase();
  if (ERRORS[n] || BILLING[n]) return { kind: "error", error: n };
  if (STREAMS[n]) return STREAMS[n]();
  const m = /^(.*)-(\d+)$/.exec(n);
  if (m && STREAMS[m[1]]) return STREAMS[m[1]](Number(m[2]));
  return null;
}

export function errorResponse(name) {
  const make = ERRORS[name] ?? BILLING[name];
  if (!make) throw new Error(`mock-upstream: unknown error scenario ${name}`);
  return make();
}
