import { describe, expect, it } from "vitest";
import { identityStep, isSnapshotOf } from "./identity";

describe("isSnapshotOf", () => {
  it("accepts dated and vendor-prefixed snapshots", () => {
    expect(isSnapshotOf("gpt-4o-2024-08-06", "gpt-4o")).toBe(true);
    expect(isSnapshotOf("gpt-4-0613", "gpt-4")).toBe(true);
    expect(isSnapshotOf("claude-3-5-sonnet-20241022", "claude-3-5-sonnet")).toBe(true);
    expect(isSnapshotOf("openai/gpt-4o-2024-05-13", "gpt-4o")).toBe(true);
  });
  it("refuses another model of the family", () => {
    expect(isSnapshotOf("gpt-4o-mini", "gpt-4o")).toBe(false);
    expect(isSnapshotOf("gpt-4o-mini-2024-07-18", "gpt-4o")).toBe(false);
  });
});

describe("identityStep", () => {
  it("is ok when the answer names the model asked for, with the fingerprint", () => {
    const r = identityStep("gpt-4o", [{ via: "completion", model: "gpt-4o", fingerprint: "fp_1" }, { via: "stream", model: "gpt-4o", fingerprint: "fp_1" }]);
    expect(r).toMatchObject({ status: "ok", finding: { key: "identity.same" }, details: [{ key: "identity.fingerprint", values: { fingerprint: "fp_1" } }] });
  });

  it("is ok for a dated snapshot, and says so", () => {
    expect(identityStep("gpt-4o", [{ via: "completion", model: "gpt-4o-2024-08-06" }])).toMatchObject({ status: "ok", finding: { key: "identity.snapshot", values: { answered: "gpt-4o-2024-08-06" } } });
  });

  it("warns when another model answered", () => {
    const r = identityStep("gpt-4o", [{ via: "completion", model: "gpt-4o" }, { via: "stream", model: "gpt-4o-mini" }]);
    expect(r).toMatchObject({ status: "warn", finding: { key: "identity.other", values: { requested: "gpt-4o", answered: "gpt-4o-mini" } }, fix: { key: "identity.fix.other" } });
    expect(r.details?.map((d) => d.key)).toEqual(["identity.noFingerprint"]);
  });

  it("warns when no answer names a model, and skips without answers", () => {
    expect(identityStep("gpt-4o", [{ via: "completion" }]).finding.key).toBe("identity.unnamed");
    expect(identityStep("gpt-4o", []).status).toBe("skipped");
  });
});
