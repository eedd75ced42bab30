/**
 * Highlights fenced code with one shared lowlight instance. rehype-highlight builds a new
 * highlighter, registering ~37 grammars, every time a markdown processor is created, which
 * react-markdown does on every render: during a long streamed answer that setup alone cost more
 * than the rest of the rendering. Here the grammars are registered once, on first use.
 */
import { common, createLowlight } from "lowlight";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { visit } from "unist-util-visit";
import { groupCodeLines } from "./code-line-groups";
import type { Element, Root } from "hast";

let shared: ReturnType<typeof createLowlight> | null = null;
function lowlight() {
  shared ??= createLowlight(common);
  return shared;
}

function languageOf(node: Element): string | null {
  const classes = node.properties?.className;
  if (!Array.isArray(classes)) return null;
  for (const c of classes) {
    const name = String(c);
    if (name.startsWith("language-")) return name.slice("language-".length).toLowerCase();
  }
  return null;
}

/**
 * What a highlighted code element carries besides its token spans: their HTML, which the renderer
 * puts into the page as one string (components/chat/markdown-elements.tsx), and the code's text.
 * A long block is thousands of spans: as React elements they were most of the render that shows a
 * streamed answer done. toHtml escapes every text, and the spans are highlight.js's own; a long
 * block's lines come in groups that the browser skips off screen (lib/markdown/code-line-groups.ts).
 */
export interface HighlightedCodeData {
  html: string;
  text: string;
}

/** The data of a code element highlighted by rehypeCodeHighlight, if it is one. */
export function highlightedCodeData(node: { data?: unknown }): HighlightedCodeData | null {
  const data = node.data as Partial<HighlightedCodeData> | undefined;
  return typeof data?.html === "string" && typeof data.text === "string" ? { html: data.html, text: data.text } : null;
}

/** A rehype plugin: `pre > code.language-x` gets highlight.js token spans when x is known. */
export function rehypeCodeHighlight() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, _index, parent) => {
      if (node.tagName !== "code" || !parent || (parent as Element).tagName !== "pre") return;
      const lang = languageOf(node);
      if (!lang || lang === "text" || lang === "plaintext") return;
      const hl = lowlight();
      if (!hl.registered(lang)) return;
      const text = toText(node, { whitespace: "pre" });
      const result = hl.highlight(lang, text);
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...classes, "hljs"];
      node.children = result.children as Element["children"];
      node.data = { ...node.data, html: groupCodeLines(toHtml(result)), text } as Element["data"];
    });
  };
}
