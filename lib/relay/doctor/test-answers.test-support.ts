/** Answers relays really send (/work/shared/RELAYS.md), as the doctor's drivers record them. */
import type { HttpAnswer, Probe } from "./types";

export const answer = (status: number, text: string, contentType = "application/json", extra: Partial<HttpAnswer> = {}): Probe => ({
  ok: true,
  answer: { status, text, contentType, ms: 12, ...extra },
});

const err = (error: Record<string, unknown>) => JSON.stringify({ error });

export const BODIES = {
  openaiIncorrectKey: err({ message: "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.", type: "invalid_request_error", param: null, code: "invalid_api_key" }),
  openaiNoKey: err({ message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", type: "invalid_request_error", param: null, code: null }),
  openaiInvalidUrl: err({ message: "Invalid URL (GET /models)", type: "invalid_request_error", param: null, code: null }),
  openaiRegion: err({ code: "unsupported_country_region_territory", message: "Country, region, or territory not supported", param: null, type: "request_forbidden" }),
  oneapiInvalid: err({ message: "无效的令牌 (request id: 20250101120000001)", type: "one_api_error" }),
  oneapiNoToken: err({ message: "未提供令牌 (request id: 20250101120000002)", type: "one_api_error" }),
  oneapiExpired: err({ message: "该令牌已过期 (request id: 20250101120000003)", type: "one_api_error" }),
  oneapiTokenQuota: err({ message: "该令牌额度已用尽 (request id: 20250101120000004)", type: "one_api_error" }),
  oneapiTokenQuotaNew: err({ message: "令牌 (12) 额度已用尽 (request id: 20250101120000005)", type: "one_api_error" }),
  oneapiDisabled: err({ message: "该令牌状态不可用 (request id: 20250101120000006)", type: "one_api_error" }),
  oneapiUserQuota: err({ message: "user quota is not enough (request id: 20250101120000007)", type: "one_api_error", code: "insufficient_user_quota" }),
  oneapiNoChannel: (model: string) => err({ message: `当前分组 default 下对于模型 ${model} 无可用渠道 (request id: 20250101120000008)`, type: "one_api_error" }),
  oneapiModelForbidden: (model: string) => err({ message: `该令牌无权使用模型：${model} (request id: 20250101120000009)`, type: "one_api_error" }),
  modelNotFound: (model: string) => err({ message: `The model '${model}' does not exist`, type: "invalid_request_error", param: null, code: "model_not_found" }),
  models: (ids: string[]) => JSON.stringify({ object: "list", data: ids.map((id) => ({ id, object: "model", created: 1700000000, owned_by: "relay" })) }),
  completion: (model: string, fingerprint = "fp_44709d6fcb") =>
    JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", created: 1700000000, model, choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "length" }], usage: { prompt_tokens: 13, completion_tokens: 1, total_tokens: 14 }, system_fingerprint: fingerprint }),
  nginx502: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  nginx404: "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  cloudflare524: "<!DOCTYPE html><html><head><title>relay.example | 524: A timeout occurred</title></head><body>Cloudflare Ray ID: 8a1b2c3d4e5f</body></html>",
  loginPage: '<!doctype html><html><head><title>One API</title></head><body><form><input name="username"><input type="password" name="password"><button>登录</button></form></body></html>',
  website: '<!doctype html><html lang="zh"><head><title>NewAPI 中转 — 稳定的 GPT 接口</title></head><body><div id="root"></div><script src="/assets/index.js"></script></body></html>',
};
