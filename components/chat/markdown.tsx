"use client";
/**
 * The markdown renderer (GFM tables, math, highlighted code). Loaded lazily so its weight stays
 * out of the first page load. The answer is split into blocks; finished blocks are memoised by
 * their text and never parsed again, and an open code fence is highlighted only once it closes.
 * While an answer streams, blocks are parsed in a worker (lib/markdown/block-trees.ts).
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { flushSync } from "react-dom";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github-dark.css";
import type { Root } from "hast";
import { openFenceHast } from "@/lib/markdown/pipeline";
import { cachedFinishedTree, treeHere, treeOffThread } from "@/lib/markdown/block-trees";
import { extendMarkdownBlocks, type SplitMarkdown } from "@/lib/markdown-blocks";
import { reportCostAfterPaint, reportStreamRenderCost } from "@/lib/chat/publish-pacer";
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
const toReact = (tree: Root) => toJsxRuntime(tree, { Fragment, jsx, jsxs, components, ignoreInvalidStyle: true, passKeys: true, passNode: true });

type Arrived = { text: string; finished: boolean; tree: Root };

/**
 * One block's tree. Outside streaming: built here at once (finished trees are cached). While the
 * answer streams (`offThread`), a block that changed keeps showing its last tree until the
 * worker's comes back, so parsing never holds up a frame; a code fence being written is built
 * without parsing.
 */
function useBlockTree(text: string, finished: boolean, offThread: boolean): Root {
  const [arrived, setArrived] = useState<Arrived | null>(null);
  const shown = useRef<Root | null>(null);
  let tree: Root | null = (finished ? cachedFinishedTree(text) : openFenceHast(text)) ?? null;
  if (!tree && arrived && arrived.text === text && arrived.finished === finished) tree = arrived.tree;
  const stale = !tree && offThread && (arrived !== null || shown.current !== null);
  if (!tree) tree = stale ? (arrived?.tree ?? shown.current!) : treeHere(text, finished);
  useLayoutEffect(() => {
    shown.current = tree;
  });
  // One request at a time: while the worker parses, newer text only replaces what to ask next, so
  // a worker slower than the updates (a long table on a phone) never builds up a queue. Each answer
  // is shown at once, so the text keeps flowing even when the worker lags.
  const wanted = useRef<{ text: string; finished: boolean } | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  useEffect(() => {
    wanted.current = stale ? { text, finished } : null;
    if (!stale || inFlight.current) return;
    const ask = () => {
      const request = wanted.current;
      if (!request) return;
      inFlight.current = true;
      void treeOffThread(request.text, request.finished).then((built) => {
        inFlight.current = false;
        if (!mounted.current) return;
        const renderFrom = performance.now();
        // Rendered now (not whenever the scheduler gets to it), so its cost can be measured.
        flushSync(() => setArrived({ text: request.text, finished: request.finished, tree: built }));
        // Its layout and paint count too: the streamed update's cost.
        reportCostAfterPaint(renderFrom, reportStreamRenderCost);
        if (wanted.current && wanted.current !== request) ask();
      });
    };
    ask();
  }, [stale, text, finished]);
  return tree;
}

/**
 * A block: re-rendered when its text or state changes, not when the answer stops streaming
 * (`offThread` is left out of the comparison, so the finished blocks stay as they are).
 */
const MarkdownBlock = memo(
  function MarkdownBlock({ text, finished, offThread }: { text: string; finished: boolean; offThread: boolean }) {
    const tree = useBlockTree(text, finished, offThread);
    return useMemo(() => toReact(tree), [tree]);
  },
  (a, b) => a.text === b.text && a.finished === b.finished,
);

export default function Markdown({ content, streaming }: { content: string; streaming: boolean }) {
  // Re-splits only the tail the stream touched, not the whole answer on every update.
  const previous = useRef<SplitMarkdown | null>(null);
  const blocks = useMemo(() => (previous.current = extendMarkdownBlocks(previous.current, content)).blocks, [content]);
  // While streaming only the last block can still change; everything before it is final text.
  const finishedCount = streaming ? Math.max(0, blocks.length - 1) : blocks.length;
  // Keyed by position, so a block keeps its component (and what it shows) when it closes.
  return (
    <div className="markdown">
      {blocks.map((b, i) => (
        <MarkdownBlock key={i} text={b.text} finished={i < finishedCount} offThread={streaming} />
      ))}
    </div>
  );
}
