import { describe, expect, it } from "vitest";
import { keyStep } from "./key";
import { answer, BODIES } from "./test-answers.test-support";

describe("keyStep", () => {
  it("is ok with the list's size when the key is accepted", () => {
    const r = keyStep("relay.example", answer(200, BODIES.models(["gpt-4o", "gpt-4o-mini"])), "server");
    expect(r.ids).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect(r.result).toMatchObject({ status: "ok", finding: { key: "key.ok", values: { count: 2 } } });
  });

  it("explains OpenAI's “Incorrect API key” at api.openai.com as a relay key sent to the wrong host", () => {
    const r = keyStep("api.openai.com", answer(401, BODIES.openaiIncorrectKey), "server").result;
    expect(r).toMatchObject({ status: "fail", finding: { key: "key.openaiIncorrect" }, fix: { key: "key.fix.openaiIncorrect.server" }, error: { code: "upstream_auth" } });
    expect(keyStep("api.openai.com", answer(401, BODIES.openaiIncorrectKey), "direct").result.fix?.key).toBe("key.fix.openaiIncorrect.own");
  });

  it("says the same for a proxy of OpenAI, noting a relay's own OpenAI key as the other cause", () => {
    const r = keyStep("api.openai-proxy.example", answer(401, BODIES.openaiIncorrectKey), "server").result;
    expect(r.finding.key).toBe("key.openaiIncorrect");
    expect(r.details).toEqual([{ key: "key.openaiIncorrectRelayed", values: { host: "api.openai-proxy.example", status: 401 } }]);
    expect(keyStep("api.openai.com", answer(401, BODIES.openaiIncorrectKey), "server").result.details).toBeUndefined();
  });

  it.each([
    ["oneapiInvalid", "key.oneapiInvalid", "key.fix.oneapiInvalid.own"],
    ["oneapiNoToken", "key.missing", "key.fix.missing.own"],
    ["oneapiExpired", "key.expired", "key.fix.expired"],
    ["oneapiDisabled", "key.disabled", "key.fix.disabled"],
    ["oneapiTokenQuota", "key.tokenQuota", "key.fix.tokenQuota"],
    ["oneapiTokenQuotaNew", "key.tokenQuota", "key.fix.tokenQuota"],
  ] as const)("tells one-api's 401 %s apart", (body, finding, fix) => {
    const r = keyStep("relay.example", answer(401, BODIES[body]), "direct").result;
    expect([r.status, r.finding.key, r.fix?.key]).toEqual(["fail", finding, fix]);
    expect(r.error?.requestId).toMatch(/^2025/);
  });

  it("tells the account's quota from the token's", () => {
    const account = keyStep("relay.example", answer(403, BODIES.oneapiUserQuota), "server").result;
    expect([account.finding.key, account.fix?.key]).toEqual(["key.accountQuota", "key.fix.accountQuota"]);
    // Relays send some of these with HTTP 200.
    expect(keyStep("relay.example", answer(200, BODIES.oneapiTokenQuota), "server").result.finding.key).toBe("key.tokenQuota");
  });

  it("names a region block", () => {
    expect(keyStep("api.openai.com", answer(403, BODIES.openaiRegion), "server").result.finding.key).toBe("key.forbidden");
  });

  it("only warns when the endpoint has no model list (the completion checks the key)", () => {
    expect(keyStep("relay.example", answer(404, BODIES.nginx404, "text/html"), "server").result).toMatchObject({ status: "warn", finding: { key: "key.noList" } });
    expect(keyStep("relay.example", answer(404, BODIES.openaiInvalidUrl), "server").result.status).toBe("warn");
  });

  it("fails when the endpoint did not answer", () => {
    expect(keyStep("relay.example", { ok: false, failure: "timeout", ms: 10000 }, "server").result).toMatchObject({ status: "fail", finding: { key: "key.unreachable" } });
  });
});
