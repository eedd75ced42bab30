import { describe, expect, it } from "vitest";
import { doctorPlan, planUsage } from "./cost";
import { IDENTITY_PROBES, PROBE_MAX_TOKENS, STREAM_MAX_TOKENS } from "./probes";

describe("doctorPlan", () => {
  it("bills a one-token completion and a short stream", () => {
    const plan = doctorPlan({ identity: false });
    expect(plan.map((c) => [c.purpose, c.maxCompletionTokens])).toEqual([["model", 1], ["stream", STREAM_MAX_TOKENS]]);
    for (const c of plan) expect(c.promptTokens).toBeGreaterThan(6);
  });

  it("adds one capped answer per identity question, zh and en", () => {
    const plan = doctorPlan({ identity: true });
    expect(plan.filter((c) => c.purpose === "identity")).toHaveLength(IDENTITY_PROBES.length);
    expect(new Set(IDENTITY_PROBES.map((p) => p.lang))).toEqual(new Set(["en", "zh-CN"]));
    const usage = planUsage(plan);
    expect(usage.calls).toBe(2 + IDENTITY_PROBES.length);
    expect(usage.completionTokens).toBe(1 + STREAM_MAX_TOKENS + IDENTITY_PROBES.length * PROBE_MAX_TOKENS);
  });
});
