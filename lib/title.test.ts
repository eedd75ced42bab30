import { describe, expect, it } from "vitest";
import { cleanModelTitle, localTitle, stripMarkdown, titlePrompt, truncateToRoughTokens } from "./title";
import { roughTokenCount } from "./tokens";

describe("localTitle", () => {
  it("returns short questions whole, whitespace collapsed", () => {
    expect(localTitle("  How do   I\nsort a list?  ")).toBe("How do I sort a list?");
    expect(localTitle("")).toBe("");
    expect(localTitle("   \n ")).toBe("");
  });

  it("cuts Latin text between words, with an ellipsis", () => {
    const t = localTitle("Explain the difference between processes and threads in Linux");
    expect(t).toBe("Explain the difference…");
    expect(Array.from(t).length).toBeLessThanOrEqual(25);
  });

  it("cuts CJK text by characters", () => {
    expect(localTitle("请帮我写一个用快速排序算法对数组进行排序的函数并解释它的时间复杂度", 10)).toBe("请帮我写一个用快速排…");
    expect(localTitle("你好", 10)).toBe("你好");
  });

  it("handles mixed CJK and Latin without cutting a word in half", () => {
    expect(localTitle("用 Python 写一个 quicksort 函数并解释", 12)).toBe("用 Python 写一个…");
  });

  it("cuts one over-long word by characters", () => {
    expect(localTitle("https://example.com/a/very/long/path/that/never/ends", 10)).toBe("https://ex…");
  });

  it("drops trailing punctuation before the ellipsis", () => {
    expect(localTitle("Hello, world, this is a long question", 13)).toBe("Hello, world…");
  });

  it("strips markdown and code fences", () => {
    expect(localTitle("## Why does **this** fail?\n```js\nconst x = 1;\n```")).toBe("Why does this fail?");
    expect(localTitle("[the docs](https://x.y) say `foo` is *fine*")).toBe("the docs say foo is fine");
    expect(localTitle("```\nSELECT 1;\n```")).toBe("SELECT 1;");
  });

  it("never splits an emoji", () => {
    const t = localTitle("😀😀😀😀😀", 3);
    expect(t).toBe("😀😀😀…");
  });
});

describe("stripMarkdown", () => {
  it("removes list markers, quotes and images", () => {
    expect(stripMarkdown("> quoted\n- item\n1. first\n![alt](x.png)").replace(/\s+/g, " ").trim()).toBe("quoted item first alt");
  });
});

describe("titlePrompt", () => {
  it("asks for a title in one user message containing the question and answer", () => {
    const msgs = titlePrompt("How do I sort?", "Use sorted().", "en");
    expect(msgs).toHaveLength(1);
    expect(msgs[0].role).toBe("user");
    expect(msgs[0].content).toContain("How do I sort?");
    expect(msgs[0].content).toContain("Use sorted().");
    expect(titlePrompt("你好", undefined, "zh-CN")[0].content).toContain("标题");
  });

  it("caps the input at about 300 tokens", () => {
    const long = "word ".repeat(5000);
    const cjk = "字".repeat(5000);
    for (const [q, a] of [[long, long], [cjk, cjk]]) {
      const content = titlePrompt(q, a)[0].content;
      expect(roughTokenCount(content)).toBeLessThan(300 + 80); // + the fixed instruction
    }
  });
});

describe("truncateToRoughTokens", () => {
  it("keeps text within the limit untouched and cuts longer text", () => {
    expect(truncateToRoughTokens("short", 10)).toBe("short");
    expect(truncateToRoughTokens("字".repeat(20), 5)).toBe("字字字字字…");
  });
});

describe("cleanModelTitle", () => {
  it.each([
    ['"Sorting a list in Python"', "Sorting a list in Python"],
    ["“快速排序的实现”", "快速排序的实现"],
    ["《快速排序的实现》。", "快速排序的实现"],
    ["Title: Sorting Lists.", "Sorting Lists"],
    ["标题：排序算法", "排序算法"],
    ['**Title:** "Python Sorting"', "Python Sorting"],
    ["## Python Sorting\n\nHere is why...", "Python Sorting"],
    ["<think>the user asks about sorting</think>\n\nPython Sorting!", "Python Sorting"],
    ["  'Quick sort'  ", "Quick sort"],
  ])("%j → %j", (raw, clean) => {
    expect(cleanModelTitle(raw)).toBe(clean);
  });

  it("caps a rambling answer", () => {
    expect(Array.from(cleanModelTitle("a".repeat(200))).length).toBe(51);
  });
});
