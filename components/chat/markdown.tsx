"use client";
/**
 * The markdown renderer (GFM tables, math, highlighted code). Loaded lazily so its weight stays
 * out of the first page load. The answer is split into blocks; finished blocks are memoised by
 * their text and never parsed again, and an open code fence is highlighted only once it closes.
 */
import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import rehypeHighlight from "rehype-highlight";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github-dark.css";
import { splitMarkdownBlocks } from "@/lib/markdown-blocks";
import { CodeBlock } from "./code-block";

type HastNode = { type: string; value?: string; children?: HastNode[] };
function hastText(node: HastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(hastText).join("");
}

const components: Components = {
  pre: ({ node, children }) => <CodeBlock text={hastText(node as HastNode)}>{children}</CodeBlock>,
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

const remarkPlugins = [remarkGfm, remarkMath];
const withHighlight = [rehypeKatex, [rehypeHighlight, { detect: false, ignoreMissing: true }]] as never[];
const withoutHighlight = [rehypeKatex] as never[];

const MarkdownBlock = memo(function MarkdownBlock({ text, highlight }: { text: string; highlight: boolean }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={highlight ? withHighlight : withoutHighlight} components={components}>
      {text}
    </ReactMarkdown>
  );
});

export default function Markdown({ content, streaming }: { content: string; streaming: boolean }) {
  const blocks = useMemo(() => splitMarkdownBlocks(content), [content]);
  return (
    <div className="markdown">
      {blocks.map((b, i) => (
        <MarkdownBlock key={i} text={b.text} highlight={!(streaming && b.open && i === blocks.length - 1)} />
      ))}
    </div>
  );
}
