"use client";
/**
 * The markdown renderer (GFM tables, math, highlighted code). Loaded lazily so its weight stays
 * out of the first page load. The answer is split into blocks; finished blocks are memoised by
 * their text and never parsed again, and an open code fence is highlighted only once it closes.
 */
import { memo, useMemo, useRef } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github-dark.css";
import { markdownToHast, openFenceHast } from "@/lib/markdown/pipeline";
import { extendMarkdownBlocks, type MarkdownBlock as Block, type SplitMarkdown } from "@/lib/markdown-blocks";
import { CodeBlock } from "./code-block";

type HastNode = { type: string; value?: string; children?: HastNode[] };
function hastText(node: HastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(hastText).join("");
}

const components: Partial<Components> = {
  pre: ({ node, children }) => <CodeBlock text={hastText(node as HastNode)}>{children}</CodeBlock>,
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

// The same options react-markdown passes (lib/markdown/pipeline.ts does the rest of its work).
const toReact = (tree: ReturnType<typeof markdownToHast>) => toJsxRuntime(tree, { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true });

const MarkdownBlock = memo(function MarkdownBlock({ text, finished }: { text: string; finished: boolean }) {
  // A code fence being written is shown as it will be, unhighlighted, without parsing it each time.
  return toReact((!finished && openFenceHast(text)) || markdownToHast(text, finished));
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
