import { describe, expect, it } from "vitest";
import { builtinPrompts } from "./builtins";
import { isBuiltin, validateDraft, draftOf } from "./library";

describe("built-in prompts", () => {
  it("exist in both languages, each valid, read-only (source builtin) and with stable unique ids", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const list = builtinPrompts(lang);
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(new Set(list.map((p) => p.id)).size).toBe(list.length);
      for (const p of list) {
        expect(p.id).toMatch(/^builtin:[a-z-]+$/);
        expect(isBuiltin(p)).toBe(true);
        expect(validateDraft(draftOf(p)), p.id).toEqual([]);
      }
    }
    expect(builtinPrompts("en")).toBe(builtinPrompts("en"));
  });

  it("shares the ids of the prompts both languages have, shown in each language", () => {
    const en = new Map(builtinPrompts("en").map((p) => [p.id, p]));
    const zh = new Map(builtinPrompts("zh-CN").map((p) => [p.id, p]));
    for (const id of ["builtin:translator", "builtin:code-review", "builtin:polish", "builtin:summary"]) {
      expect(en.get(id)?.name).toMatch(/[A-Za-z]/);
      expect(zh.get(id)?.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(zh.has("builtin:xiaohongshu") && zh.has("builtin:weekly-report")).toBe(true);
  });
});
