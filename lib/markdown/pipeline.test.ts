import { describe, expect, it } from "vitest";
import { createElement, Fragment } from "react";
import { jsx, jsxs } from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { visit } from "unist-util-visit";
import type { Root } from "hast";
import { markdownToHast, openFenceHast, safeUrl } from "./pipeline";
import { rehypeCodeHighlight } from "./rehype-code-highlight";
// The benchmarks' generated answers: prose, nested lists, tables, code in five languages, math.
import { mixedMarkdown } from "../../bench/lib/mixed-content.mjs";
import { longMarkdown } from "../../bench/lib/content.mjs";

const ours = (markdown: string, finished: boolean) =>
  renderToStaticMarkup(toJsxRuntime(markdownToHast(markdown, finished), { Fragment, jsx, jsxs, ignoreInvalidStyle: true, passKeys: true }) as never);
const reference = (markdown: string, finished: boolean) =>
  renderToStaticMarkup(
    createElement(ReactMarkdown, { remarkPlugins: [remarkGfm, remarkMath], rehypePlugins: finished ? ([rehypeKatex, rehypeCodeHighlight] as never[]) : [] }, markdown),
  );

const EDGE_CASES = [
  "plain *emphasis*, **strong**, `code`, ~~strike~~ and a [link](https://example.com \"title\")",
  "<b>raw html</b> shown as text, <script>alert(1)</script>",
  "[bad](javascript:alert(1)) [ok](/relative?a=1#x) [mail](mailto:a@b.c) ![img](data:image/png;base64,AAAA)",
  "www.example.com and https://autolink.example/path?q=1 and a@b.co",
  "| a | b |\n| :-- | --: |\n| `x` | **y** |",
  "- [ ] task\n- [x] done\n  1. nested\n     - deeper",
  "Inline $a^2 + b^2$ and block:\n\n$$\n\\int_0^1 x\\,dx\n$$",
  "```ts\nconst a: number = 1;\n```\n\n```nosuchlang\nx\n```\n\n```\nplain\n```",
  "Footnote[^1].\n\n[^1]: The note.",
  "> quote with `code`\n>\n> - and a list",
  "Bad math $\\frac{1}{$ stays",
];

describe("markdownToHast", () => {
  it("renders exactly what react-markdown renders, finished and live", () => {
    for (const text of EDGE_CASES) {
      expect(ours(text, true)).toBe(reference(text, true));
      expect(ours(text, false)).toBe(reference(text, false));
    }
  });

  it("renders the benchmarks' long answers block by block exactly like react-markdown", () => {
    const docs = [mixedMarkdown(3000).text, longMarkdown(3000).text];
    for (const doc of docs) {
      for (const block of doc.split(/\n{2,}(?=\S)/)) expect(ours(block, true)).toBe(reference(block, true));
    }
  });

  it("reuses its processors: the same text twice gives equal trees", () => {
    const text = "# Title\n\nSome `code` and $x$.";
    expect(markdownToHast(text, true)).toEqual(markdownToHast(text, true));
  });
});

describe("safeUrl", () => {
  it("keeps safe and relative URLs and empties the rest", () => {
    expect(safeUrl("https://a.b/c")).toBe("https://a.b/c");
    expect(safeUrl("/path:with-colon")).toBe("/path:with-colon");
    expect(safeUrl("#x:y")).toBe("#x:y");
    expect(safeUrl("javascript:alert(1)")).toBe("");
    expect(safeUrl("vbscript:x")).toBe("");
  });
});

function withoutPositions(tree: Root): Root {
  visit(tree, (node) => {
    delete (node as { position?: unknown }).position;
    delete (node as { data?: unknown }).data;
  });
  return tree;
}

describe("openFenceHast", () => {
  it("gives what the parser gives for a fence still being written", () => {
    // An inner fence with an info string cannot close the outer one: it is code.
    const cases = ["```ts\n", "```ts\nconst a", "```ts\nconst a = 1;\n", "```python\ndef f():\n    return 1\n\n", "~~~\nplain\n  indented", "```c++\nint x;", "````md\n```inner\nx"];
    for (const text of cases) {
      const fast = openFenceHast(text);
      expect(fast, text).not.toBeNull();
      expect(fast).toEqual(withoutPositions(markdownToHast(text, false)));
    }
  });

  it("declines what it cannot build exactly", () => {
    expect(openFenceHast("Some text\n```ts\n")).toBeNull();
    expect(openFenceHast("   ```ts\nindented fence")).toBeNull();
    expect(openFenceHast("```js&#x20;x\ncode")).toBeNull();
    expect(openFenceHast("```ts\ncode\n``")).toBeNull();
    expect(openFenceHast("```ts\ncode\n```\n")).toBeNull();
    // A line that may become the closing fence once its next token arrives.
    expect(openFenceHast("````md\n```inner\n```")).toBeNull();
  });
});
