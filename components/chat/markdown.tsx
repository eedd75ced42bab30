"use client";
/**
 * The markdown renderer (GFM tables, math, highlighted code). Loaded lazily so its weight stays
 * out of the first page load. The answer is split into blocks; finished blocks are memoised by
 * their text and never parsed again. While an answer streams, the block being written is HTML
 * from the markdown worker (components/chat/live-tail.tsx) and a block that closes is highlighted
 * there too (lib/markdown/block-trees.ts).
 */
import { memo, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactElement } from "react";
import { flushSync } from "react-dom";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github-dark.css";
import type { Root } from "hast";
import { cachedFinishedTree, treeHere, treeOffThread } from "@/lib/markdown/block-trees";
import { extendMarkdownBlocks, type SplitMarkdown } from "@/lib/markdown-blocks";
import { finalBlockTexts, forgetLiveBlocks, lastSplit, liveBlocks } from "@/lib/markdown/live-blocks";
import { setAnswerPreparer } from "@/lib/chat/answer-finish";
import { reportCostAfterPaint, reportStreamRenderCost } from "@/lib/chat/publish-pacer";
import { useStreaming } from "@/store/streaming";
import { toReact } from "./markdown-elements";
import { LiveTail } from "./live-tail";

type Arrived = { text: string; tree: Root };

/**
 * One finished block's tree (highlighted; cached by text). Outside streaming it is built here at
 * once. While the answer streams (`offThread`), a block whose text changed (a look-ahead rule
 * joined it with the next) keeps showing its last tree until the worker's comes back, so parsing
 * never holds up a frame.
 */
function useBlockTree(text: string, offThread: boolean): Root {
  const [arrived, setArrived] = useState<Arrived | null>(null);
  const shown = useRef<Root | null>(null);
  let tree: Root | null = cachedFinishedTree(text) ?? (arrived?.text === text ? arrived.tree : null);
  const stale = !tree && offThread && shown.current !== null;
  if (!tree) tree = stale ? shown.current! : treeHere(text, true);
  useLayoutEffect(() => {
    shown.current = tree;
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  useEffect(() => {
    if (!stale) return;
    void treeOffThread(text, true).then((built) => {
      if (!mounted.current) return;
      const renderFrom = performance.now();
      // Rendered now (not whenever the scheduler gets to it), so its cost can be measured.
      flushSync(() => setArrived({ text, tree: built }));
      reportCostAfterPaint(renderFrom, reportStreamRenderCost);
    });
  }, [stale, text]);
  return tree;
}

/**
 * A block: re-rendered when its text changes, not when the answer stops streaming (`offThread` is
 * left out of the comparison, so the blocks on screen stay as they are).
 */
const MarkdownBlock = memo(
  function MarkdownBlock({ text, offThread }: { text: string; offThread: boolean }) {
    const tree = useBlockTree(text, offThread);
    return useMemo(() => toReact(tree), [tree]);
  },
  (a, b) => a.text === b.text,
);

/**
 * How many of the closed blocks React renders while the answer streams: a block is taken over
 * once its highlighted tree is ready (built in the worker), so closing a block never parses or
 * highlights on the page; until then the live tail shows it. Never goes back during a stream.
 */
function useSettledCount(closed: readonly string[] | null, total: number): number {
  const settled = useRef(0);
  const [, wake] = useReducer((n: number) => n + 1, 0);
  let count = total;
  if (closed) {
    count = Math.min(settled.current, closed.length);
    while (count < closed.length && cachedFinishedTree(closed[count])) count++;
  }
  settled.current = count;
  const waitingFor = closed && count < closed.length ? closed[count] : null;
  useEffect(() => {
    if (waitingFor === null) return;
    let current = true;
    void treeOffThread(waitingFor, true).then(() => current && wake());
    return () => void (current = false);
  }, [waitingFor]);
  return count;
}

/**
 * Finished blocks are laid out and painted in groups of this many (app/globals.css: a group is one
 * paint layer, spaced as if its blocks stood alone): an update of a long answer then relays out
 * and repaints a few dozen groups, not hundreds of blocks.
 */
const GROUP_SIZE = 16;

/**
 * Blocks longer than this in all are not built in the worker before a streamed answer is shown
 * done (one megabyte-long paragraph would hold the worker for seconds); they are built here.
 */
const PREPARE_LIMIT = 32_000;

// When a streamed answer ends, the blocks it will show are built in the worker before it is shown
// done (store/run-completion.ts), so that render only puts cached trees on the page.
setAnswerPreparer((messageId, content) => {
  const missing = finalBlockTexts(messageId, content).filter((text) => !cachedFinishedTree(text));
  if (missing.reduce((sum, text) => sum + text.length, 0) > PREPARE_LIMIT) return Promise.resolve();
  return Promise.all(missing.map((text) => treeOffThread(text, true)));
});

/**
 * An answer: its blocks rendered by React, each memoised by its text. While it streams
 * (`messageId` given), the text comes from the streaming store, React renders only the blocks
 * that closed, and the rest is the live tail (components/chat/live-tail.tsx), which follows every
 * update without a React render.
 */
export default function Markdown({ content, streaming, messageId }: { content: string; streaming: boolean; messageId?: string }) {
  const liveId = streaming ? messageId : undefined;
  const closed = useStreaming((s) => (liveId === undefined ? null : liveBlocks(liveId, s.live[liveId]?.content ?? content).closed));
  // Re-splits only the tail the stream touched, not the whole answer on every update; when a
  // stream ends, its final split extends the last live one.
  const previous = useRef<SplitMarkdown | null>(null);
  const all = useMemo(() => {
    if (closed) return null;
    const from = previous.current ?? (messageId === undefined ? null : lastSplit(messageId));
    return (previous.current = extendMarkdownBlocks(from, content)).blocks.map((b) => b.text);
  }, [content, closed, messageId]);
  const texts = closed ?? all!;
  const settled = useSettledCount(closed, texts.length);
  useEffect(() => {
    if (liveId !== undefined) return () => forgetLiveBlocks(liveId);
  }, [liveId]);
  // Keyed by position, so a block keeps its component (and what it shows) when the answer ends.
  const groups: ReactElement[] = [];
  for (let from = 0; from < settled; from += GROUP_SIZE) {
    const blocks: ReactElement[] = [];
    for (let i = from; i < Math.min(settled, from + GROUP_SIZE); i++) blocks.push(<MarkdownBlock key={i} text={texts[i]} offThread={streaming} />);
    groups.push(
      <section key={from} className="md-group">
        {blocks}
      </section>,
    );
  }
  return (
    <div className="markdown">
      {groups}
      {liveId !== undefined && <LiveTail messageId={liveId} from={settled} content={content} />}
    </div>
  );
}
