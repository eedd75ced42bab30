import { describe, expect, it } from "vitest";
import { combineEndpoints } from "./summary";
import type { StepResult } from "./types";

const ok: StepResult = { step: "reach", status: "ok", ms: 20, finding: { key: "reach.ok" } };
const bad: StepResult = { step: "reach", status: "fail", ms: 40, finding: { key: "reach.refused" }, fix: { key: "reach.fix.refused" } };

describe("combineEndpoints", () => {
  it("is the endpoint's own verdict with one endpoint", () => {
    expect(combineEndpoints("reach", [{ host: "a", result: bad }])).toEqual(bad);
  });
  it("warns when some endpoints fail, naming the first to fix", () => {
    const r = combineEndpoints("reach", [{ host: "a", result: bad }, { host: "b", result: ok }]);
    expect(r).toMatchObject({ status: "warn", ms: 40, finding: { key: "multi.somePass", values: { passed: 1, count: 2 } }, fix: { key: "multi.fixEndpoint", values: { host: "a" } } });
    expect(r.endpoints?.map((e) => [e.host, e.status])).toEqual([["a", "fail"], ["b", "ok"]]);
  });
  it("fails when none passes (each endpoint's fix stands alone) and is ok when all do", () => {
    const none = combineEndpoints("reach", [{ host: "a", result: bad }, { host: "b", result: bad }]);
    expect([none.status, none.finding.key, none.fix, none.endpoints?.[1].fix]).toEqual(["fail", "multi.nonePass", undefined, bad.fix]);
    expect(combineEndpoints("reach", [{ host: "a", result: ok }, { host: "b", result: ok }]).finding.key).toBe("multi.allPass");
  });
  it("lists no endpoint lines for a step that ran nowhere", () => {
    const skipped: StepResult = { step: "key", status: "skipped", finding: { key: "skip.earlier" } };
    expect(combineEndpoints("key", [{ host: "a", result: skipped }, { host: "b", result: skipped }])).toEqual({ step: "key", status: "skipped", finding: { key: "skip.earlier" } });
  });
});
