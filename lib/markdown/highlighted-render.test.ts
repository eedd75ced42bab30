import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import type { Element, Root } from "hast";
import { highlightedHast } from "./pipeline-core";
import { highlightedCodeData } from "./rehype-code-highlight";
import { splitMarkdownBlocks } from "../markdown-blocks";
import { toReact } from "@/components/chat/markdown-elements";
import { mixedMarkdown } from "../../bench/lib/mixed-content.mjs";

/** The same tree without the spans' HTML: React then renders every span as an element, as before. */
function spansAsElements(tree: Root): Root {
  const copy = structuredClone(tree);
  visit(copy, "element", (node: Element) => void delete node.data);
  return copy;
}

/** The page's markup as the browser parses it (escaping forms aside). */
const render = (tree: Root) => toHtml(fromHtml(renderToStaticMarkup(toReact(tree) as never), { fragment: true }));

const CODE = [
  "```ts\nconst a = '<b>&amp;</b>' as const; // <script>alert(1)</script>\n```",
  "```python\ndef f(x):\n    return \"\"\"multi\nline\"\"\" + '\\u00e9 中文'\n```",
  "- step\n\n  ```bash\n  echo \"$HOME\" > /tmp/x && cat <<'EOF'\n  hi\n  EOF\n  ```",
  "```json\n{\"a\": [1, 2.5e3, null, true], \"b\": \"\\\"q\\\"\"}\n```",
  "```nosuchlang\n<b>not highlighted</b>\n```",
];

describe("highlighted code rendered from its HTML", () => {
  it("gives the same markup as its spans rendered one by one", () => {
    const blocks = splitMarkdownBlocks(mixedMarkdown(3000).text).map((b) => b.text).filter((t) => t.includes("```"));
    expect(blocks.length).toBeGreaterThan(3);
    for (const text of [...CODE, ...blocks]) {
      const tree = highlightedHast(text)!;
      expect(render(tree)).toBe(render(spansAsElements(tree)));
    }
  });

  it("keeps the code's text for the copy button, and its spans in the tree", () => {
    const tree = highlightedHast("```ts\nconst a = '<b>';\n```")!;
    let code: Element | null = null;
    visit(tree, "element", (node: Element) => void (node.tagName === "code" && (code = node)));
    expect(highlightedCodeData(code!)).toEqual({ text: "const a = '<b>';\n", html: expect.stringContaining("hljs-keyword") });
    expect(highlightedCodeData(code!)!.html).not.toContain("<b>");
    expect(JSON.stringify(code!.children)).toContain("hljs-string");
  });
});
