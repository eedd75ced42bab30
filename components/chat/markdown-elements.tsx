/**
 * How the renderer turns a block's hast into React elements: react-markdown's options, with code
 * in a frame that has a copy button and links that open in a new tab. lib/markdown/live-html.ts
 * builds the same elements as HTML for a block being streamed.
 */
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import type { Element, Root, RootContent } from "hast";
import { highlightedCodeData } from "@/lib/markdown/rehype-code-highlight";
import { CodeBlock } from "./code-block";

type HastNode = { type: string; value?: string; children?: HastNode[]; data?: unknown };
function hastText(node: HastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  const highlighted = highlightedCodeData(node);
  if (highlighted) return highlighted.text;
  return (node.children ?? []).map(hastText).join("");
}

/**
 * The tree with each highlighted code element's spans left out (the element keeps their HTML in
 * its data, which the `code` component puts in as one string): React then makes one element for
 * a code block instead of one per token. Nodes are copied only on the way to such an element.
 */
function withoutCodeSpans<T extends Root | RootContent>(node: T): T {
  if (node.type !== "root" && node.type !== "element") return node;
  if (node.type === "element" && node.tagName === "code" && highlightedCodeData(node)) return { ...node, children: [] };
  let changed = false;
  const children = node.children.map((child) => {
    const next = withoutCodeSpans(child);
    if (next !== child) changed = true;
    return next;
  });
  return changed ? ({ ...node, children } as T) : node;
}

const components: Partial<Components> = {
  pre: ({ node, children }) => <CodeBlock text={hastText(node as HastNode)}>{children}</CodeBlock>,
  code: ({ node, className, children }) => {
    const highlighted = node ? highlightedCodeData(node as Element) : null;
    // The spans' HTML, made by toHtml from highlight.js's tokens (every text escaped).
    return highlighted ? <code className={className} dangerouslySetInnerHTML={{ __html: highlighted.html }} /> : <code className={className}>{children}</code>;
  },
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

// The same options react-markdown passes (lib/markdown/pipeline.ts does the rest of its work).
export const toReact = (tree: Root) => toJsxRuntime(withoutCodeSpans(tree), { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true });
