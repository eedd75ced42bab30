// Every error the mock upstream (e2e/mock-scenarios.mjs) can produce, through the classifier: keeps
// the mock and lib/upstream/errors.ts telling the same story as /work/shared/RELAYS.md.
import { describe, expect, it } from "vitest";
import { ERRORS, errorResponse } from "../../e2e/mock-scenarios.mjs";
import { classifyUpstreamError } from "./errors";

const EXPECTED: Record<string, [string, number]> = {
  "error-401-openai": ["upstream_auth", 401],
  "error-403-openai-region": ["upstream_forbidden", 403],
  "error-400-context": ["context_too_long", 400],
  "error-400-max-tokens": ["max_tokens_too_large", 400],
  "error-400-unsupported-param": ["upstream_bad_request", 400],
  "error-429-openai-rate": ["upstream_rate_limited", 429],
  "error-429-openai-quota": ["upstream_quota", 429],
  "error-404-model": ["model_not_found", 404],
  "error-500-openai": ["upstream_server", 500],
  "error-401-oneapi": ["upstream_auth", 401],
  "error-401-oneapi-no-token": ["upstream_key_missing", 401],
  "error-401-oneapi-expired": ["upstream_key_expired", 401],
  "error-401-oneapi-exhausted": ["upstream_token_quota", 401],
  "error-401-oneapi-token-quota": ["upstream_token_quota", 401],
  "error-401-oneapi-disabled": ["upstream_key_disabled", 401],
  "error-403-oneapi-model": ["upstream_forbidden", 403],
  "error-403-oneapi-quota": ["upstream_quota", 403],
  "error-403-oneapi-preconsume": ["upstream_token_quota", 403],
  "error-503-oneapi-no-channel": ["model_not_found", 503],
  "error-429-oneapi-saturated": ["upstream_overloaded", 429],
  "error-404-newapi-chained": ["upstream_server", 404],
  "error-502-html": ["upstream_html", 502],
  "error-504-html": ["upstream_timeout", 504],
  "error-404-html": ["upstream_not_found", 404],
  "error-413-html": ["payload_too_large", 413],
  "error-524-html": ["upstream_timeout", 524],
  "error-504-vercel": ["upstream_timeout", 504],
  "error-200-body": ["upstream_token_quota", 402],
};

describe("the mock upstream's errors, classified", () => {
  it("covers every mock error scenario", () => {
    expect(Object.keys(ERRORS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s → %j", (name, [code, status]) => {
    const r = errorResponse(name);
    const headers = { "content-type": r.contentType ?? "application/json", ...(r.headers ?? {}) };
    const info = classifyUpstreamError(r.status, r.body, headers).toInfo();
    expect(info.code).toBe(code);
    expect(info.status).toBe(status);
    expect(info.upstreamMessage).toBeTruthy();
    if (name.includes("oneapi") || name.includes("newapi") || name === "error-200-body") expect(info.requestId).toMatch(/^2025/);
  });
});
