"use client";
/**
 * The markdown renderer (GFM tables, math, highlighted code). Loaded lazily so its weight stays
 * out of the first page load. The answer is split into blocks; finished blocks are memoised by
 * their text and never parsed again, and an open code fence is highlighted only once it closes.
 */
import { memo, useMemo, useRef } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import { rehypeCodeHighlight } from "@/lib/markdown/rehype-code-highlight";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github-dark.css";
import { extendMarkdownBlocks, type MarkdownBlock as Block, type SplitMarkdown } from "@/lib/markdown-blocks";
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
// The block being streamed gets neither highlighting nor KaTeX: both run once, when it is done.
const live: never[] = [];

const MarkdownBlock = memo(function MarkdownBlock({ text, finished }: { text: string; finished: boolean }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={finished ? withHighlight : live} components={components}>
      {text}
    </ReactMarkdown>
  );
});

/** Finished blocks: re-rendered only when another block finishes, never per streamed token. */
const FinishedBlocks = memo(function FinishedBlocks({ blocks }: { blocks: Block[] }) {
  return blocks.map((b, i) => <MarkdownBlock key={i} text={b.text} finished />);
});


export default function Markdown({ content, streaming }: { content: string; streaming: boolean }) {
  // Re-splits only the tail the stream touched, not the whole answer on every update.
  const previous = useRef<SplitMarkdown | null>(null);
  const blocks = useMemo(() => (previous.current = extendMarkdownBlocks(previous.current, content)).blocks, [content]);
  // While streaming only the last block can still change; everything before it is final text.
  const finishedCount = streaming ? Math.max(0, blocks.length - 1) : blocks.length;
  let finishedLength = 0;
  for (let i = 0; i < finishedCount; i++) finishedLength += blocks[i].text.length;
  // Keyed by how much text is final, so the list keeps its identity while the last block grows;
  // outside streaming, any change of the content counts.
  const settled = streaming ? "" : content;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const finished = useMemo(() => blocks.slice(0, finishedCount), [finishedCount, finishedLength, settled]);
  const writing = streaming ? blocks[blocks.length - 1] : undefined;
  return (
    <div className="markdown">
      <FinishedBlocks blocks={finished} />
      {/* The block being written is re-parsed on every update until it is done. */}
      {writing && <MarkdownBlock key={finishedCount} text={writing.text} finished={false} />}
    </div>
  );
}
