import { describe, expect, it } from "vitest";
import { buildBloom, mayHold, termProbe } from "./bloom";
import { foldText } from "./fold";

const sample = foldText(
  "部署到服务器以后，配置 BASE_URL=https://relay.example/v1 并重启。\n```ts\nconst retryTimeout = 3000;\n```\nThe proxy streams every chunk.",
);

describe("bloom filter", () => {
  it("never rules out a piece of the text (no false negatives)", () => {
    const bloom = buildBloom(sample);
    for (const word of sample.split(/\s+/).filter(Boolean)) {
      for (let i = 0; i < word.length; i++) {
        for (let j = i + 1; j <= Math.min(word.length, i + 12); j++) expect(mayHold(bloom, [termProbe(word.slice(i, j))]), word.slice(i, j)).toBe(true);
      }
    }
  });

  it("rules out most terms that are not there", () => {
    const bloom = buildBloom(sample);
    const absent = ["kubernetes", "数据库", "zebra", "postgres", "夜间模式", "qwerty", "xylophone", "银行", "jupyter", "matplotlib"];
    const passed = absent.filter((t) => mayHold(bloom, [termProbe(t)]));
    expect(passed.length).toBeLessThanOrEqual(1);
  });

  it("needs every term's pieces", () => {
    const bloom = buildBloom(sample);
    expect(mayHold(bloom, [termProbe("服务器"), termProbe("proxy")])).toBe(true);
    expect(mayHold(bloom, [termProbe("服务器"), termProbe("kubernetes")])).toBe(false);
  });

  it("sizes the filter with the text", () => {
    expect(buildBloom("").bits.length).toBeGreaterThan(0);
    expect(buildBloom("a".repeat(100_000)).bits.length * 32).toBeGreaterThanOrEqual(400_000);
  });
});
