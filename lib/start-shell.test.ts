import { describe, expect, it } from "vitest";
import { codeRequiredOf, SHELL_VARIANTS, shellPath } from "./start-shell";

describe("shell variants", () => {
  it("serves the open shell when no code is needed and the code shell otherwise", () => {
    expect(shellPath(false)).toBe("/shell/open");
    expect(shellPath(true)).toBe("/shell/code");
  });

  it("each path's variant reads back as the answer it was chosen for", () => {
    for (const required of [false, true]) {
      const variant = shellPath(required).split("/").pop();
      expect(SHELL_VARIANTS).toContain(variant);
      expect(codeRequiredOf(variant)).toBe(required);
    }
  });

  it("anything else knows nothing", () => {
    expect(codeRequiredOf(undefined)).toBeNull();
    expect(codeRequiredOf("other")).toBeNull();
  });
});
