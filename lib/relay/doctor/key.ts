/**
 * Step 3, "Key": the configured model list fetched with the key. Each key problem has its own fix
 * and its own person who can fix it: OpenAI's "Incorrect API key" at api.openai.com is almost
 * always a relay's key sent to OpenAI; one-api's 无效的令牌 is a key the relay does not know; a
 * token's own quota (该令牌额度已用尽) is raised on that key, not by topping up the account.
 */
import type { ErrorCode } from "../../errors";
import type { DoctorKey } from "../../i18n/doctor.en";
import { classifyUpstreamError } from "../../upstream/errors";
import { parseModelsBody } from "../../models/live-list";
import type { HttpAnswer, Probe, StepResult } from "./types";

const OPENAI_HOST = /(^|\.)openai\.com(:\d+)?$/i;

export interface KeyReading {
  result: StepResult;
  /** The listed model ids, when the list could be read. */
  ids: string[] | null;
}

type Where = "server" | "own";

/** Finding and fix per error code; `where` picks the fix for the server's key or the user's own. */
const BY_CODE: Partial<Record<ErrorCode, (w: Where) => [DoctorKey, DoctorKey]>> = {
  upstream_auth: (w) => ["key.rejected", `key.fix.rejected.${w}`],
  upstream_key_missing: (w) => ["key.missing", `key.fix.missing.${w}`],
  upstream_key_expired: () => ["key.expired", "key.fix.expired"],
  upstream_key_disabled: () => ["key.disabled", "key.fix.disabled"],
  upstream_token_quota: () => ["key.tokenQuota", "key.fix.tokenQuota"],
  upstream_quota: () => ["key.accountQuota", "key.fix.accountQuota"],
  upstream_forbidden: () => ["key.forbidden", "key.fix.forbidden"],
  // Some endpoints serve chat without a model list: the model step's completion checks the key then.
  upstream_not_found: () => ["key.noList", "key.fix.noList"],
  upstream_html: () => ["key.noList", "key.fix.noList"],
  upstream_bad_response: () => ["key.noList", "key.fix.noList"],
};

/**
 * The finding and fix for an auth failure whose message says more than its code. OpenAI's wording
 * comes from OpenAI or a plain proxy of it (one-api and new-api answer their list themselves), so
 * the likely cause is a relay's key sent there.
 */
function authDetail(message: string, w: Where): [DoctorKey, DoctorKey] | null {
  if (/incorrect api key/i.test(message)) return ["key.openaiIncorrect", `key.fix.openaiIncorrect.${w}`];
  if (/无效的令牌|invalid token/i.test(message)) return ["key.oneapiInvalid", `key.fix.oneapiInvalid.${w}`];
  return null;
}

/** An answer's headers as the error classifier reads them. */
export function answerHeaders(a: HttpAnswer) {
  return { get: (name: string) => (name === "content-type" ? a.contentType : name === "x-request-id" ? (a.requestId ?? null) : null) };
}

/** The verdict on `GET <configured>/v1/models` with the key. `host` is the endpoint's host. */
export function keyStep(host: string, probe: Probe, via: "server" | "direct"): KeyReading {
  if (!probe.ok) {
    return { ids: null, result: { step: "key", status: "fail", ms: probe.ms, finding: { key: "key.unreachable", values: { host } }, fix: { key: "key.fix.retry" } } };
  }
  const a = probe.answer;
  if (a.status >= 200 && a.status < 300) {
    const list = parseModelsBody(a.text);
    if (list.ok) return { ids: list.ids, result: { step: "key", status: "ok", ms: a.ms, finding: { key: "key.ok", values: { count: list.ids.length } } } };
  }
  const error = classifyUpstreamError(a.status, a.text, answerHeaders(a)).toInfo();
  const where: Where = via === "server" ? "server" : "own";
  const [finding, fix] = (error.code === "upstream_auth" ? authDetail(error.upstreamMessage ?? "", where) : null) ?? BY_CODE[error.code]?.(where) ?? ["key.failed", "key.fix.retry"];
  const status = finding === "key.noList" ? "warn" : "fail";
  const values = { host, status: a.status };
  // Not OpenAI's own host: it may also be a relay of its own whose OpenAI key is wrong.
  const details = finding === "key.openaiIncorrect" && !OPENAI_HOST.test(host) ? [{ key: "key.openaiIncorrectRelayed" as const, values }] : undefined;
  return { ids: null, result: { step: "key", status, ms: a.ms, finding: { key: finding, values }, fix: { key: fix }, error, ...(details ? { details } : {}) } };
}
