/**
 * Markdown → hast for the chat renderer: what react-markdown does (GFM, math, raw HTML shown as
 * text, unsafe URLs emptied), with the processors built once. react-markdown builds a new
 * processor on every render, so each render of a streamed block first set up every plugin
 * and combined the parser's extensions again: about as much work as parsing a paragraph.
 * Everything but KaTeX (lib/markdown/pipeline.ts adds it): the markdown worker runs this part.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import { visit } from "unist-util-visit";
import { urlAttributes } from "html-url-attributes";
import { VFile } from "vfile";
import type { Element, Root } from "hast";
import { rehypeCodeHighlight } from "./rehype-code-highlight";

// react-markdown keeps raw HTML as `raw` nodes (allowDangerousHtml) and then shows it as text.
export const base = () => unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkRehype, { allowDangerousHtml: true });
let liveProcessor: ReturnType<typeof base> | null = null;
let highlightProcessor: ReturnType<typeof withHighlight> | null = null;
const withHighlight = () => base().use(rehypeCodeHighlight);

const safeProtocol = /^(https?|ircs?|mailto|xmpp)$/i;

/** react-markdown's defaultUrlTransform: relative URLs and safe protocols stay, anything else is emptied. */
export function safeUrl(value: string): string {
  const colon = value.indexOf(":");
  const questionMark = value.indexOf("?");
  const numberSign = value.indexOf("#");
  const slash = value.indexOf("/");
  if (
    colon === -1 ||
    (slash !== -1 && colon > slash) ||
    (questionMark !== -1 && colon > questionMark) ||
    (numberSign !== -1 && colon > numberSign) ||
    safeProtocol.test(value.slice(0, colon))
  ) {
    return value;
  }
  return "";
}

/** react-markdown's post-processing: raw HTML becomes text, URL attributes go through safeUrl. */
export function sanitise(tree: Root): Root {
  visit(tree, (node, index, parent) => {
    if (node.type === "raw" && parent && typeof index === "number") {
      parent.children[index] = { type: "text", value: node.value };
      return index;
    }
    if (node.type === "element") {
      for (const key in urlAttributes) {
        if (!Object.hasOwn(urlAttributes, key) || !Object.hasOwn(node.properties, key)) continue;
        const tags = urlAttributes[key];
        if (tags === null || tags.includes(node.tagName)) node.properties[key] = safeUrl(String(node.properties[key] || ""));
      }
    }
  });
  return tree;
}

/** The hast of a block being streamed: no highlighting, no KaTeX (both run once, when it is done). */
export function liveHast(markdown: string): Root {
  const processor = (liveProcessor ??= base().freeze());
  const file = new VFile(markdown);
  return sanitise(processor.runSync(processor.parse(file), file) as Root);
}

/** A code element holding math, which KaTeX renders (remark-math marks it `language-math`). */
export function hasMath(tree: Root): boolean {
  let found = false;
  visit(tree, "element", (node: Element) => {
    const classes = node.properties?.className;
    if (Array.isArray(classes) && classes.includes("language-math")) found = true;
  });
  return found;
}

/** The hast of a finished block with its code highlighted, or null when it holds math (KaTeX's job). */
export function highlightedHast(markdown: string): Root | null {
  const fence = highlightedFenceHast(markdown);
  if (fence) return fence;
  const processor = (highlightProcessor ??= withHighlight().freeze());
  const file = new VFile(markdown);
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return hasMath(tree) ? null : sanitise(tree);
}

const OPEN_FENCE = /^(`{3,}|~{3,})([^\n`]*)\n/;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Whether `line` closes a fence opened by `open` (its run of backticks or tildes): same character, at least as long. */
export function closesFence(open: string, line: string): boolean {
  const close = FENCE_LINE.exec(line);
  return close !== null && close[1][0] === open[0] && close[1].length >= open.length;
}

/**
 * The hast of a block that is one code fence, built without parsing: what the parser gives for
 * it, unhighlighted. The fence may still be open (being written, or cut off) or closed by its last
 * line. Only for the plain case (fence at column 0, a simple language name other than math, no
 * character that the parser rewrites); null for anything else, which is parsed as usual.
 */
export function fenceHast(markdown: string): Root | null {
  const m = OPEN_FENCE.exec(markdown);
  if (!m) return null;
  const info = m[2].trim();
  if (!/^[\w+#.-]*$/.test(info) || info.toLowerCase() === "math" || /[\r\0]/.test(markdown)) return null;
  const lines = markdown.slice(m[0].length).split("\n");
  // Closed: the last line is a fence of the same character, at least as long, and nothing follows it.
  const closed = closesFence(m[1], lines[lines.length - 1]);
  if (closed) lines.pop();
  // A line that could be (or, once its next token arrives, become) a closing fence is left to the parser.
  else if (/^ {0,3}[`~]/.test(lines[lines.length - 1])) return null;
  if (lines.some((line) => FENCE_LINE.test(line))) return null;
  // An open fence's line ending after its last complete line is dropped when nothing follows it.
  if (!closed && lines[lines.length - 1] === "") lines.pop();
  const body = lines.join("\n");
  const code: Element = {
    type: "element",
    tagName: "code",
    properties: info ? { className: [`language-${info}`] } : {},
    // The parser's rule: an empty body (blank lines alone at most once) gives no text at all.
    children: [{ type: "text", value: body ? `${body}\n` : "" }],
  };
  return { type: "root", children: [{ type: "element", tagName: "pre", properties: {}, children: [code] }] };
}

const highlightFence = rehypeCodeHighlight();

/**
 * A finished block that is one plain code fence, highlighted, without the markdown parser: for a
 * long block the parse was a third of the work of showing it done. Null when it is not one.
 */
export function highlightedFenceHast(markdown: string): Root | null {
  const tree = fenceHast(markdown);
  if (tree) highlightFence(tree);
  return tree;
}
