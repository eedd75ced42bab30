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
  it("fails when none passes and is ok when all do", () => {
    expect(combineEndpoints("reach", [{ host: "a", result: bad }, { host: "b", result: bad }]).status).toBe("fail");
    expect(combineEndpoints("reach", [{ host: "a", result: ok }, { host: "b", result: ok }]).finding.key).toBe("multi.allPass");
  });
});
