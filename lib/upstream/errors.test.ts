import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { classifyFetchFailure, classifyStreamError, classifyUpstreamError, extractRequestId } from "./errors";

const body = (error: Record<string, unknown>) => JSON.stringify({ error });
const info = (status: number, text: string, headers?: Record<string, string>) => classifyUpstreamError(status, text, headers).toInfo();

describe("classifyUpstreamError: OpenAI", () => {
  it("401 invalid_api_key → upstream_auth", () => {
    const msg = "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.";
    const e = info(401, body({ message: msg, type: "invalid_request_error", param: null, code: "invalid_api_key" }), { "x-request-id": "req_abc" });
    expect(e).toEqual({ code: "upstream_auth", status: 401, message: expect.any(String), upstreamMessage: msg, requestId: "req_abc" });
  });

  it("403 region → upstream_forbidden", () => {
    const e = info(403, body({ code: "unsupported_country_region_territory", message: "Country, region, or territory not supported", param: null, type: "request_forbidden" }));
    expect(e).toMatchObject({ code: "upstream_forbidden", status: 403, upstreamMessage: "Country, region, or territory not supported" });
  });

  it("400 context_length_exceeded → context_too_long", () => {
    const msg =
      "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (5000 in the messages, 4000 in the completion). Please reduce the length of the messages or completion.";
    expect(info(400, body({ message: msg, type: "invalid_request_error", param: "messages", code: "context_length_exceeded" }))).toMatchObject({
      code: "context_too_long",
      status: 400,
    });
    // same message without the code (some relays drop it)
    expect(info(400, body({ message: msg })).code).toBe("context_too_long");
    expect(info(400, body({ message: "prompt is too long: 210000 tokens > 200000 maximum" })).code).toBe("context_too_long");
  });

  it.each([
    "max_tokens is too large: 100000. This model supports at most 16384 completion tokens, whereas you provided 100000.",
    "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4",
    "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]",
  ])("400 about max_tokens → max_tokens_too_large: %s", (msg) => {
    expect(info(400, body({ message: msg, type: "invalid_request_error" })).code).toBe("max_tokens_too_large");
  });

  it("an unsupported max_tokens parameter is not 'too large'", () => {
    const msg = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    expect(info(400, body({ message: msg, type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" }))).toMatchObject({
      code: "upstream_bad_request",
      status: 400,
      upstreamMessage: msg,
    });
  });

  it("429 rate_limit_exceeded → upstream_rate_limited; insufficient_quota → upstream_quota", () => {
    expect(info(429, body({ message: "Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM)", type: "requests", param: null, code: "rate_limit_exceeded" })).code).toBe(
      "upstream_rate_limited",
    );
    expect(info(429, body({ message: "You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota", code: "insufficient_quota" }))).toMatchObject({
      code: "upstream_quota",
      status: 429,
    });
  });

  it("403 for secret keys on the billing paths → upstream_forbidden (not quota)", () => {
    const msg = "Your request to GET /dashboard/billing/subscription must be made with a session key (that is, it can only be made from the browser).";
    expect(info(403, body({ message: msg, type: "invalid_request_error" })).code).toBe("upstream_forbidden");
  });

  it("unknown model → model_not_found", () => {
    expect(info(404, body({ message: "The model 'gpt-9' does not exist", type: "invalid_request_error", code: "model_not_found" }))).toMatchObject({ code: "model_not_found", status: 404 });
    expect(info(503, body({ message: "The model `gpt-9` does not exist or you do not have access to it." })).code).toBe("model_not_found");
  });

  it("404 with an unhelpful body → upstream_not_found", () => {
    expect(info(404, body({ message: "Invalid URL (POST /v1/chat/completion)", type: "invalid_request_error" })).code).toBe("upstream_not_found");
    expect(info(404, "")).toMatchObject({ code: "upstream_not_found", status: 404 });
    expect(info(404, "404 page not found")).toMatchObject({ code: "upstream_not_found", upstreamMessage: "404 page not found" });
  });
});

describe("classifyUpstreamError: one-api / new-api", () => {
  const rid = "20250101120000123456789";
  it.each([
    ["无效的令牌", "upstream_auth"],
    ["未提供令牌", "upstream_key_missing"],
    ["该令牌已过期", "upstream_key_expired"],
    ["令牌 (12) 已过期", "upstream_key_expired"],
    ["该令牌状态不可用", "upstream_key_disabled"],
    ["令牌 (12) 状态不可用", "upstream_key_disabled"],
    ["该令牌额度已用尽", "upstream_token_quota"],
    ["令牌 (12) 额度已用尽", "upstream_token_quota"],
  ])("401 %s → %s, with the request id from the message", (text, code) => {
    const e = info(401, body({ message: `${text} (request id: ${rid})`, type: "one_api_error" }));
    expect(e).toMatchObject({ code, status: 401, requestId: rid, upstreamMessage: `${text} (request id: ${rid})` });
  });

  it("403 该令牌无权使用模型 → upstream_forbidden", () => {
    expect(info(403, body({ message: "该令牌无权使用模型：gpt-4o (request id: x1)", type: "one_api_error" }))).toMatchObject({ code: "upstream_forbidden", requestId: "x1" });
  });

  it.each(["insufficient_user_quota", "pre_consume_token_quota_failed"])("403 %s about the user's quota → upstream_quota (the account)", (code) => {
    expect(info(403, body({ message: "user quota is not enough (request id: q1)", type: "one_api_error", code }))).toMatchObject({ code: "upstream_quota", status: 403, requestId: "q1" });
    expect(info(403, body({ message: "用户额度不足", type: "one_api_error", code })).code).toBe("upstream_quota");
  });

  it("pre_consume_token_quota_failed about the token → upstream_token_quota (the key's own limit)", () => {
    expect(info(403, body({ message: "令牌额度不足", type: "one_api_error", code: "pre_consume_token_quota_failed" }))).toMatchObject({ code: "upstream_token_quota", status: 403 });
    expect(info(403, body({ message: "pre-consume quota failed", type: "one_api_error", code: "pre_consume_token_quota_failed" })).code).toBe("upstream_token_quota");
  });

  it("token quota and account quota get different codes, so different hints", () => {
    const token = info(401, body({ message: "该令牌额度已用尽 (request id: t1)", type: "one_api_error" }));
    const account = info(403, body({ message: "user quota is not enough (request id: a1)", type: "one_api_error", code: "insufficient_user_quota" }));
    expect(token.code).toBe("upstream_token_quota");
    expect(account.code).toBe("upstream_quota");
  });

  it("OpenAI's missing key is upstream_key_missing", () => {
    const msg = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    expect(info(401, body({ message: msg, type: "invalid_request_error", param: null, code: null })).code).toBe("upstream_key_missing");
  });

  it("余额不足 → upstream_quota", () => {
    expect(info(402, body({ message: "账户余额不足", type: "new_api_error" })).code).toBe("upstream_quota");
  });

  it("503 无可用渠道 → model_not_found", () => {
    const e = info(503, body({ message: "当前分组 default 下对于模型 gpt-4o-mnii 无可用渠道 (request id: n1)", type: "one_api_error" }));
    expect(e).toMatchObject({ code: "model_not_found", status: 503, requestId: "n1" });
  });

  it("429 负载已饱和 → upstream_overloaded", () => {
    expect(info(429, body({ message: "当前分组上游负载已饱和，请稍后再试", type: "one_api_error" }))).toMatchObject({ code: "upstream_overloaded", status: 429 });
  });

  it("chained bad_response_status_code keeps every id in the message and reports the client-facing (last) one", () => {
    const msg = "bad response status code 404 (request id: A111) (request id: B222)";
    const e = info(404, body({ code: "bad_response_status_code", type: "upstream_error", param: "404", message: msg }), { "x-oneapi-request-id": "B222" });
    expect(e).toEqual({ code: "upstream_server", status: 404, message: expect.any(String), upstreamMessage: msg, requestId: "B222" });
    expect(info(429, body({ code: "bad_response_status_code", param: "429", message: "bad response status code 429" })).code).toBe("upstream_rate_limited");
    expect(info(500, body({ code: "bad_response_status_code", param: "524", message: "bad response status code 524" })).code).toBe("upstream_timeout");
  });
});

describe("classifyUpstreamError: pages, gateways, odd bodies", () => {
  const page = (title: string) => `<html>\r\n<head><title>${title}</title></head>\r\n<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`;

  it("an HTML 502 page → upstream_html, keeping the title", () => {
    expect(info(502, page("502 Bad Gateway"))).toMatchObject({ code: "upstream_html", status: 502, upstreamMessage: "502 Bad Gateway" });
  });

  it("an HTML page with a 200 (BASE_URL points at a website) → upstream_html 502", () => {
    expect(info(200, "<!DOCTYPE html><html><head><title>Welcome &amp; hello</title></head></html>")).toMatchObject({
      code: "upstream_html",
      status: 502,
      upstreamMessage: "Welcome & hello",
    });
  });

  it("504 / 524 (also as HTML) → upstream_timeout", () => {
    expect(info(504, page("504 Gateway Time-out"))).toMatchObject({ code: "upstream_timeout", status: 504, upstreamMessage: "504 Gateway Time-out" });
    expect(info(524, "<!DOCTYPE html><html><head><title>example.com | 524: A timeout occurred</title></head></html>")).toMatchObject({ code: "upstream_timeout", status: 524 });
    expect(info(504, "")).toMatchObject({ code: "upstream_timeout", status: 504 });
  });

  it("an HTML 404 → upstream_not_found; HTML 413 → payload_too_large", () => {
    expect(info(404, page("404 Not Found")).code).toBe("upstream_not_found");
    expect(info(413, page("413 Request Entity Too Large"))).toMatchObject({ code: "payload_too_large", status: 413 });
  });

  it("Vercel FUNCTION_INVOCATION_TIMEOUT text → upstream_timeout", () => {
    const text = "An error occurred with your deployment\n\nFUNCTION_INVOCATION_TIMEOUT\n\nsin1::abcd-1700000000000";
    expect(info(504, text, { "content-type": "text/plain; charset=utf-8" })).toMatchObject({ code: "upstream_timeout", status: 504 });
    expect(info(502, "EDGE_FUNCTION_INVOCATION_TIMEOUT").code).toBe("upstream_timeout");
  });

  it("413 → payload_too_large, other 5xx → upstream_server, 529 → overloaded", () => {
    expect(info(413, "").code).toBe("payload_too_large");
    expect(info(500, body({ message: "internal error" }))).toMatchObject({ code: "upstream_server", status: 500 });
    expect(info(503, "Service Unavailable")).toMatchObject({ code: "upstream_server", status: 503, upstreamMessage: "Service Unavailable" });
    expect(info(529, body({ type: "overloaded_error", message: "Overloaded" })).code).toBe("upstream_overloaded");
  });

  it("a 200 carrying an error body gets a matching non-200 status", () => {
    expect(info(200, body({ message: "该令牌额度已用尽 (request id: z9)", type: "one_api_error" }))).toMatchObject({ code: "upstream_token_quota", status: 402, requestId: "z9" });
    expect(info(200, body({ message: "无效的令牌", type: "one_api_error" }))).toMatchObject({ code: "upstream_auth", status: 401 });
    expect(info(200, body({ message: "something odd" }))).toMatchObject({ code: "upstream_server", status: 502 });
    expect(info(200, JSON.stringify({ error: "plain string error" }))).toMatchObject({ status: 502, upstreamMessage: "plain string error" });
  });

  it("a 2xx that is not JSON → upstream_bad_response 502", () => {
    expect(info(200, "")).toMatchObject({ code: "upstream_bad_response", status: 502 });
    expect(info(200, "hello")).toMatchObject({ code: "upstream_bad_response", status: 502, upstreamMessage: "hello" });
  });

  it("a 3xx (e.g. http → https redirect) → upstream_not_found 502", () => {
    expect(info(301, "", { location: "https://x/" })).toMatchObject({ code: "upstream_not_found", status: 502 });
  });

  it("reads loose shapes on errors: top-level message / detail", () => {
    expect(info(401, JSON.stringify({ success: false, message: "无效的令牌" })).code).toBe("upstream_auth");
    expect(info(422, JSON.stringify({ detail: [{ msg: "field required" }] }))).toMatchObject({ code: "upstream_bad_request", upstreamMessage: "field required" });
  });

  it("clips huge bodies", () => {
    expect(info(500, "x".repeat(10_000)).upstreamMessage!.length).toBeLessThanOrEqual(600);
  });

  it("returns an AppError", () => {
    expect(classifyUpstreamError(500, "")).toBeInstanceOf(AppError);
  });
});

describe("extractRequestId", () => {
  it("takes the last (client-facing relay's) id from the message", () => {
    expect(extractRequestId("x (request id: A) (request id: B)")).toBe("B");
    expect(extractRequestId("x（request id: 全角1）")).toBe("全角1");
  });
  it("falls back to headers in order of specificity", () => {
    expect(extractRequestId("no id", { "X-Oneapi-Request-Id": "one", "x-request-id": "gen" })).toBe("one");
    expect(extractRequestId(undefined, new Headers({ "x-request-id": "req_1" }))).toBe("req_1");
    expect(extractRequestId(undefined, {})).toBeUndefined();
  });
  it("prefers an id in the body to headers", () => {
    expect(info(400, JSON.stringify({ error: { message: "bad", request_id: "body-id" } }), { "x-request-id": "hdr" }).requestId).toBe("body-id");
  });
});

describe("classifyStreamError", () => {
  it("classifies a relay's mid-stream error event", () => {
    expect(classifyStreamError({ error: { message: "该令牌额度已用尽 (request id: s1)", type: "new_api_error" } })).toMatchObject({
      code: "upstream_token_quota",
      status: 402,
      requestId: "s1",
    });
    expect(classifyStreamError({ error: { message: "upstream timed out", code: "bad_response" } })).toMatchObject({ code: "upstream_timeout", status: 504 });
  });
  it("returns our own error event unchanged", () => {
    const ours = { code: "upstream_timeout" as const, status: 504, message: "idle", requestId: "r" };
    expect(classifyStreamError({ error: ours })).toEqual(ours);
  });
  it("does not mistake a relay's code that matches one of ours for our own event", () => {
    expect(classifyStreamError({ error: { code: "model_not_found", message: "The model x does not exist" } })).toMatchObject({
      code: "model_not_found",
      status: 404,
      upstreamMessage: "The model x does not exist",
    });
  });
  it("copes with junk", () => {
    expect(classifyStreamError({ error: 42 }).code).toBe("upstream_bad_response");
  });
});

describe("classifyFetchFailure", () => {
  const sysErr = (code: string, message: string) => Object.assign(new Error(message), { code });
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "CERT_HAS_EXPIRED", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID", "UND_ERR_CONNECT_TIMEOUT"])(
    "%s → upstream_unreachable 502",
    (code) => {
      const e = classifyFetchFailure(fetchFailed(sysErr(code, `connect ${code} 127.0.0.1:9`)));
      expect(e.code).toBe("upstream_unreachable");
      expect(e.status).toBe(502);
      expect(e.upstreamMessage).toContain(code);
    },
  );

  it("finds the code inside an AggregateError (happy eyeballs)", () => {
    const agg = Object.assign(new AggregateError([sysErr("ECONNREFUSED", "connect ECONNREFUSED ::1:9")], ""), { code: "ECONNREFUSED" });
    expect(classifyFetchFailure(fetchFailed(agg)).code).toBe("upstream_unreachable");
  });

  it("an abort by the idle timer → upstream_timeout 504", () => {
    expect(classifyFetchFailure(new DOMException("idle", "TimeoutError"))).toMatchObject({ code: "upstream_timeout", status: 504 });
    expect(classifyFetchFailure(new DOMException("aborted", "AbortError"), { timedOut: true }).code).toBe("upstream_timeout");
    expect(classifyFetchFailure(fetchFailed(sysErr("UND_ERR_HEADERS_TIMEOUT", "Headers Timeout Error"))).code).toBe("upstream_timeout");
  });

  it("a broken connection mid-stream → stream_interrupted", () => {
    expect(classifyFetchFailure(Object.assign(new TypeError("terminated"), { cause: sysErr("UND_ERR_SOCKET", "other side closed") }), { midStream: true })).toMatchObject({
      code: "stream_interrupted",
      status: 502,
    });
  });

  it("the browser's opaque network error → upstream_unreachable", () => {
    expect(classifyFetchFailure(new TypeError("Failed to fetch")).code).toBe("upstream_unreachable");
  });
});

describe("secrets in upstream text", () => {
  it("masks anything shaped like a key or bearer token in upstreamMessage", () => {
    const e = info(401, JSON.stringify({ error: { message: "Incorrect API key provided: sk-proj-abcdef123456. Authorization: Bearer sk-abcdef123456" } }));
    expect(e.upstreamMessage).not.toContain("abcdef123456");
    expect(e.upstreamMessage).toContain("sk-***");
  });
});
