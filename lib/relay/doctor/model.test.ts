import { describe, expect, it } from "vitest";
import { editDistance, modelStep, nearMatches } from "./model";
import { answer, BODIES } from "./test-answers.test-support";

const LIST = ["gpt-4o-mini", "gpt-4o", "deepseek-chat", "deepseek-reasoner", "claude-3-5-sonnet", "gpt4-all"];

describe("nearMatches", () => {
  it("offers the listed spelling for a case or separator difference first", () => {
    expect(nearMatches("GPT-4o", LIST)[0]).toBe("gpt-4o");
    expect(nearMatches("gpt4o", LIST)[0]).toBe("gpt-4o");
    expect(nearMatches("Claude-3.5-Sonnet", LIST)).toEqual(["claude-3-5-sonnet"]);
  });
  it("offers names one or two typos away", () => {
    expect(nearMatches("gpt-4o-mnii", LIST)[0]).toBe("gpt-4o-mini");
    expect(nearMatches("deepseek-chta", LIST)).toEqual(["deepseek-chat"]);
  });
  it("offers nothing for a listed name or a far one", () => {
    expect(nearMatches("gpt-4o", LIST)).toEqual([]);
    expect(nearMatches("llama-3-70b", LIST)).toEqual([]);
  });
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("mnii", "mini")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("modelStep", () => {
  it("is ok when a listed model answers", () => {
    const r = modelStep({ model: "gpt-4o", ids: LIST, completion: answer(200, BODIES.completion("gpt-4o-2024-08-06")) });
    expect(r).toMatchObject({ status: "ok", finding: { key: "model.ok", values: { model: "gpt-4o", ms: 12 } }, details: [] });
  });

  it("names one-api's “no available channel” with the exact model string and a did-you-mean", () => {
    const r = modelStep({ model: "gpt-4o-mnii", ids: LIST, completion: answer(503, BODIES.oneapiNoChannel("gpt-4o-mnii")) });
    expect(r).toMatchObject({
      status: "fail",
      finding: { key: "model.noChannel", values: { model: "gpt-4o-mnii" } },
      fix: { key: "model.fix.didYouMean", values: { model: "gpt-4o-mnii", suggestion: "gpt-4o-mini" }, code: "gpt-4o-mini" },
      error: { code: "model_not_found", model: "gpt-4o-mnii" },
    });
  });

  it("names “model not found”, and offers the listed spelling for a case slip", () => {
    const r = modelStep({ model: "GPT-4o", ids: LIST, completion: answer(404, BODIES.modelNotFound("GPT-4o")) });
    expect(r.finding).toEqual({ key: "model.notFound", values: { model: "GPT-4o" } });
    expect(r.fix?.values?.suggestion).toBe("gpt-4o");
  });

  it("asks to pick from the list when nothing is near", () => {
    const r = modelStep({ model: "llama-3-70b", ids: LIST, completion: answer(503, BODIES.oneapiNoChannel("llama-3-70b")) });
    expect(r.fix).toEqual({ key: "model.fix.pick", values: { model: "llama-3-70b" } });
  });

  it("names a model the key may not use", () => {
    const r = modelStep({ model: "gpt-4o", ids: null, completion: answer(403, BODIES.oneapiModelForbidden("gpt-4o")) });
    expect([r.finding.key, r.fix?.key]).toEqual(["model.notAllowedForKey", "model.fix.allowForKey"]);
  });

  it("warns when a model answers although the list does not name it", () => {
    const r = modelStep({ model: "gpt-4o-mnii", ids: LIST, completion: answer(200, BODIES.completion("gpt-4o-mini")) });
    expect(r).toMatchObject({ status: "warn", details: [{ key: "model.unlistedNear", values: { suggestion: "gpt-4o-mini" } }] });
  });

  it("reports this server's own refusal without a call", () => {
    const refused = { code: "model_not_allowed" as const, status: 403, message: "not allowed", model: "gpt-4o" };
    expect(modelStep({ model: "gpt-4o", ids: null, completion: null, refused })).toMatchObject({ status: "fail", finding: { key: "model.notAllowedHere" }, error: refused });
    expect(modelStep({ model: "gpt-4o", ids: null, completion: null }).status).toBe("skipped");
  });

  it("passes another error on with its hint", () => {
    const r = modelStep({ model: "gpt-4o", ids: LIST, completion: answer(429, JSON.stringify({ error: { message: "Rate limit reached", code: "rate_limit_exceeded" } })) });
    expect(r).toMatchObject({ status: "fail", finding: { key: "model.failed", values: { status: 429 } }, error: { code: "upstream_rate_limited" } });
  });
});
