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
import { rehypeCodeHighlight } from "@/lib/markdown/rehype-code-highlight";
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
const withHighlight = [rehypeKatex, rehypeCodeHighlight] as never[];
const withoutHighlight = [rehypeKatex] as never[];

const MarkdownBlock = memo(function MarkdownBlock({ text, highlight }: { text: string; highlight: boolean }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={highlight ? withHighlight : withoutHighlight} components={components}>
      {text}
    </ReactMarkdown>
  );
});

/** Finished blocks: re-rendered only when another block finishes, never per streamed token. */
const FinishedBlocks = memo(function FinishedBlocks({ blocks }: { blocks: MarkdownBlockText[] }) {
  return blocks.map((b, i) => <MarkdownBlock key={i} text={b.text} highlight />);
});

type MarkdownBlockText = ReturnType<typeof splitMarkdownBlocks>[number];

export default function Markdown({ content, streaming }: { content: string; streaming: boolean }) {
  const blocks = useMemo(() => splitMarkdownBlocks(content), [content]);
  // While streaming only the last block can still change; everything before it is final text.
  const finishedCount = streaming ? Math.max(0, blocks.length - 1) : blocks.length;
  let finishedLength = 0;
  for (let i = 0; i < finishedCount; i++) finishedLength += blocks[i].text.length;
  // Keyed by how much text is final, so the list keeps its identity while the last block grows;
  // outside streaming, any change of the content counts.
  const settled = streaming ? "" : content;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const finished = useMemo(() => blocks.slice(0, finishedCount), [finishedCount, finishedLength, settled]);
  const live = streaming ? blocks[blocks.length - 1] : undefined;
  return (
    <div className="markdown">
      <FinishedBlocks blocks={finished} />
      {/* The block being written is not highlighted: it is re-parsed every frame until it is done. */}
      {live && <MarkdownBlock key={finishedCount} text={live.text} highlight={false} />}
    </div>
  );
}
