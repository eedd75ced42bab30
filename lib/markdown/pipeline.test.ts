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
import { markdownToHast, fenceHast, safeUrl } from "./pipeline";
import { base, highlightedFenceHast } from "./pipeline-core";
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

// Closed fences the fast path builds: each must equal what the parser builds.
const CLOSED_FENCES = [
  "```ts\nconst a = 1;\n```",
  "```ts\n```",
  "```\nplain\n```",
  "```\n\n\n```",
  "```ts\n\n```",
  "```ts\n\n\n\n```",
  "~~~python\ndef f():\n    return 1\n\n~~~",
  "````md\n```inner\nx\n````",
  "```ts\nx\n```   ",
  "```ts\nx\n  ```",
  "````\nx\n`````",
  "```bash\necho $HOME && echo \"$((1+2))\" # <b>&amp;\n```",
  "```json\n{\"a\": \"<b>&amp;\", \"t\": \"\\t\"}\n```",
  "```nosuchlang\nx < y\n```",
  "```tsx\nexport function A() {\n  return (\n    <div className=\"x\">{a}</div>\n  );\n}\n```",
  "```c++\nint main() { return 0; }\n```",
  "```py\n\tindented with a tab\n```",
];

describe("fenceHast", () => {
  it("gives what the parser gives for a fence still being written", () => {
    // An inner fence with an info string cannot close the outer one: it is code.
    const cases = ["```ts\n", "```ts\n\n", "```ts\n\n\n", "```ts\nx\n\n\n", "```ts\n\tx\n\t```", "```ts\nconst a", "```ts\nconst a = 1;\n", "```python\ndef f():\n    return 1\n\n", "~~~\nplain\n  indented", "```c++\nint x;", "````md\n```inner\nx"];
    for (const text of cases) {
      const fast = fenceHast(text);
      expect(fast, text).not.toBeNull();
      expect(fast).toEqual(withoutPositions(markdownToHast(text, false)));
    }
  });

  it("gives what the parser gives for a closed fence, and highlighted, what the parser and the highlighter give", () => {
    const slow = base().use(rehypeCodeHighlight).freeze();
    const parsed = (text: string) => {
      const tree = slow.runSync(slow.parse(text), text) as Root;
      visit(tree, (node) => void delete (node as { position?: unknown }).position);
      return tree;
    };
    for (const text of CLOSED_FENCES) {
      const fast = fenceHast(text);
      expect(fast, text).not.toBeNull();
      expect(fast).toEqual(withoutPositions(markdownToHast(text, false)));
      expect(highlightedFenceHast(text), text).toEqual(parsed(text));
      expect(markdownToHast(text, true)).toEqual(parsed(text));
    }
  });

  it("declines what it cannot build exactly", () => {
    expect(fenceHast("Some text\n```ts\n")).toBeNull();
    expect(fenceHast("```ts\nx\n~~~")).toBeNull();
    expect(fenceHast("```math\nx^2\n```")).toBeNull();
    // Not a closing fence (only spaces or tabs may follow one), but close enough to leave to the parser.
    expect(fenceHast("```ts\nx\n```\u00a0")).toBeNull();
    expect(fenceHast("```ts\r\nx\r\n```")).toBeNull();
    expect(fenceHast("```ts\nx\n```\n\nmore prose")).toBeNull();
    expect(fenceHast("   ```ts\nindented fence")).toBeNull();
    expect(fenceHast("```js&#x20;x\ncode")).toBeNull();
    expect(fenceHast("```ts\ncode\n``")).toBeNull();
    expect(fenceHast("```ts\ncode\n```\n")).toBeNull();
    // A line that may become the closing fence once its next token arrives.
    expect(fenceHast("````md\n```inner\n```")).toBeNull();
  });
});
