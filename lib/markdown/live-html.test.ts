import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { visit } from "unist-util-visit";
import type { Element } from "hast";
import { liveBlockHtml } from "./live-html";
import { liveHast, fenceHast } from "./pipeline-core";
import { splitMarkdownBlocks } from "../markdown-blocks";
import { toReact } from "@/components/chat/markdown-elements";
import { mixedMarkdown } from "../../bench/lib/mixed-content.mjs";

/** Attribute order and boolean forms aside, the same elements. */
function canonical(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, "element", (node: Element) => {
    node.properties = Object.fromEntries(Object.entries(node.properties).sort(([a], [b]) => a.localeCompare(b)));
  });
  return toHtml(tree);
}

/** What the page's renderer shows for the live tree, its copy button swapped for the stand-in. */
function rendered(markdown: string): string {
  const html = renderToStaticMarkup(toReact(fenceHast(markdown) ?? liveHast(markdown)) as never);
  return html.replace(/<button[^>]*data-testid="copy-code-button"[^>]*>.*?<\/button>/g, '<span class="inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs invisible" aria-hidden="true">\u00a0</span>');
}

const EDGE_CASES = [
  "plain *emphasis*, **strong**, `code`, ~~strike~~ and a [link](https://example.com \"title\")",
  "<b>raw html</b> shown as text, <script>alert(1)</script> <img src=x onerror=alert(1)>",
  "[bad](javascript:alert(1)) [ok](/relative?a=1#x) ![img](data:image/png;base64,AAAA)",
  "| a | b | c |\n| :-- | --: | :-: |\n| `x` | **y** | z |",
  "- [ ] task\n- [x] done\n  1. nested\n     - deeper",
  "```ts\nconst a: number = 1;\n",
  "```ts\nconst a = '<b>';\n```",
  "Inline $a^2$ math stays unrendered while streaming",
  "> quote with `code`\n>\n> - and a list",
  "Footnote[^1].\n\n[^1]: The note.",
];

describe("liveBlockHtml", () => {
  it("is what the renderer shows for a block being written", () => {
    for (const text of EDGE_CASES) expect(canonical(liveBlockHtml(text)), text).toBe(canonical(rendered(text)));
  });

  it("matches the renderer on every prefix of a long mixed answer's blocks", () => {
    const blocks = splitMarkdownBlocks(mixedMarkdown(2500).text);
    expect(blocks.length).toBeGreaterThan(20);
    for (const { text } of blocks) {
      for (const cut of [Math.floor(text.length / 3), Math.floor((2 * text.length) / 3), text.length]) {
        const part = text.slice(0, cut);
        expect(canonical(liveBlockHtml(part)), part).toBe(canonical(rendered(part)));
      }
    }
  });

  it("never passes the answer's own markup or scripts through", () => {
    const html = liveBlockHtml('<script>alert(1)</script> <a href="x" onclick="y">z</a>\n\n[x](javascript:alert(1)) ![i](javascript:alert(2))');
    const elements: string[] = [];
    visit(fromHtml(html, { fragment: true }), "element", (node: Element) => {
      elements.push(node.tagName);
      for (const [name, value] of Object.entries(node.properties)) {
        expect(name).not.toMatch(/^on/i);
        expect(String(value)).not.toMatch(/javascript:/i);
      }
    });
    // The raw HTML block is plain text; the rest is a link with an emptied href and an image without src.
    expect(elements.sort()).toEqual(["a", "img", "p"]);
    expect(html).toContain("&#x3C;script>");
  });
});
