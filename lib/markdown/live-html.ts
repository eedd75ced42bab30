/**
 * The HTML of a markdown block being streamed, built in the markdown worker and put into the page
 * without React (components/chat/live-tail.tsx): the same elements the renderer makes of the live
 * tree (components/chat/markdown.tsx), so nothing moves when the block closes and React takes it
 * over with highlighting. The tree is react-markdown's (raw HTML as text, unsafe URLs emptied) and
 * toHtml escapes every text and attribute, so the string carries no markup of the answer's own.
 */
import { toHtml } from "hast-util-to-html";
import type { Element, ElementContent, Root } from "hast";
import { liveHast, fenceHast } from "./pipeline-core";
import { CODE_BLOCK_CLASSES } from "./code-block-classes";

/** components/chat/markdown.tsx renders links with only these attributes. */
function link(node: Element): Element {
  const href = node.properties.href;
  return { ...node, properties: { ...(href !== undefined ? { href } : {}), target: "_blank", rel: ["noopener", "noreferrer"] } };
}

/**
 * components/chat/code-block.tsx's frame around the code. Its copy button belongs to the finished
 * block; here an invisible stand-in of the same height keeps the bar as tall.
 */
function codeFrame(node: Element): Element {
  const placeholder: Element = {
    type: "element",
    tagName: "span",
    properties: { className: [CODE_BLOCK_CLASSES.button, "invisible"], ariaHidden: "true" },
    children: [{ type: "text", value: "\u00a0" }],
  };
  return {
    type: "element",
    tagName: "div",
    properties: { className: [CODE_BLOCK_CLASSES.frame] },
    children: [
      { type: "element", tagName: "div", properties: { className: [CODE_BLOCK_CLASSES.bar] }, children: [placeholder] },
      { type: "element", tagName: "pre", properties: { className: [CODE_BLOCK_CLASSES.pre] }, children: node.children },
    ],
  };
}

/** hast-util-to-jsx-runtime turns a table cell's `align` into a text-align style (tableCellAlignToStyle). */
function alignedCell(node: Element): Element {
  const { align, ...rest } = node.properties;
  if (typeof align !== "string") return node;
  return { ...node, properties: { ...rest, style: `text-align:${align}` } };
}

// React leaves out whitespace between the rows and cells of a table (hast-util-to-jsx-runtime).
const TABLE_PARTS = new Set(["table", "thead", "tbody", "tfoot", "tr"]);
const whitespace = (node: ElementContent) => node.type === "text" && /^[ \t\n\f\r]*$/.test(node.value);

function asRendered(node: ElementContent): ElementContent {
  if (node.type !== "element") return node;
  const kept = TABLE_PARTS.has(node.tagName) ? node.children.filter((child) => !whitespace(child)) : node.children;
  const element: Element = { ...node, children: kept.map(asRendered) };
  // React writes a true data-/aria- attribute as "true", where HTML would leave it empty.
  for (const [name, value] of Object.entries(element.properties)) {
    if (typeof value === "boolean" && /^(data|aria)[A-Z]/.test(name)) element.properties = { ...element.properties, [name]: String(value) };
  }
  if (element.tagName === "a") return link(element);
  if (element.tagName === "pre") return codeFrame(element);
  if (element.tagName === "td" || element.tagName === "th") return alignedCell(element);
  // React renders no empty src (an unsafe image URL is emptied): no request for the page itself.
  if (element.tagName === "img" && element.properties.src === "") {
    const { src: _src, ...rest } = element.properties;
    return { ...element, properties: rest };
  }
  return element;
}

/** The rendered HTML of a block still being written (no highlighting, no KaTeX: those come when it closes). */
export function liveBlockHtml(markdown: string): string {
  const tree: Root = fenceHast(markdown) ?? liveHast(markdown);
  const children = tree.children.map((child) => (child.type === "doctype" ? child : asRendered(child)));
  return toHtml({ type: "root", children });
}
