import { describe, expect, it } from "vitest";
import { versionLabel } from "./build-info";

describe("versionLabel", () => {
  it("names the commit when the build knew it", () => {
    expect(versionLabel({ version: "1.2.0", commit: "abc123def456", build: "x" })).toBe("1.2.0 (abc123def456)");
    expect(versionLabel({ version: "1.2.0", commit: "", build: "x" })).toBe("1.2.0");
  });
});
