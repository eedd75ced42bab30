import { describe, expect, it } from "vitest";
import { foldText, MAX_QUERY_LENGTH, queryTerms } from "./fold";

describe("foldText", () => {
  it("lowers case and narrows full-width ASCII, keeping the length", () => {
    for (const [input, folded] of [
      ["Hello WORLD", "hello world"],
      ["ＧＰＴ－４ｏ　模型", "gpt-4o 模型"],
      ["İstanbul", "istanbul"],
      ["ΟΔΟΣ", "οδοσ"],
      ["Straße", "straße"],
      ["中文不变", "中文不变"],
    ]) {
      expect(foldText(input)).toBe(folded);
      expect(foldText(input)).toHaveLength(input.length);
    }
  });

  it("keeps positions of every UTF-16 unit in long mixed text", () => {
    const text = "Der Ｐｒｏｘｙ 把 İ 和 😀 Emoji ΣΑΣ 放进 ＣＯＤＥ\n".repeat(50);
    expect(foldText(text)).toHaveLength(text.length);
  });
});

describe("queryTerms", () => {
  it("splits on any white space, folds, drops duplicates and terms inside others, longest first", () => {
    expect(queryTerms("  Retry   TIMEOUT retry ")).toEqual(["timeout", "retry"]);
    expect(queryTerms("服务器　配置")).toEqual(["服务器", "配置"]);
    expect(queryTerms("ab abc b")).toEqual(["abc"]);
    expect(queryTerms("Ａｐｉ api")).toEqual(["api"]);
    expect(queryTerms(" \n\t")).toEqual([]);
  });

  it("caps a pasted page of text", () => {
    expect(queryTerms("x".repeat(5000))[0]).toHaveLength(MAX_QUERY_LENGTH);
  });
});
