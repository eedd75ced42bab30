/**
 * The blocks of an answer being streamed, split once per update and shared by the two parts that
 * show it: React renders the closed blocks (components/chat/markdown.tsx), and the live tail shows
 * the rest as HTML (components/chat/live-tail.tsx). The closed list keeps its identity while no
 * block closes, so the renderer is not woken by an update that only grew the last block.
 */
import { extendMarkdownBlocks, type MarkdownBlock, type SplitMarkdown } from "../markdown-blocks";

export interface LiveBlocks {
  blocks: readonly MarkdownBlock[];
  /** The texts of every block but the last (which can still grow). */
  closed: readonly string[];
}

interface Entry extends LiveBlocks {
  split: SplitMarkdown;
}

// A few answers stream at once at most; the oldest split is dropped past this.
const KEEP = 8;
const entries = new Map<string, Entry>();

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** The split of this message's streamed text (extended from the last one when the text grew). */
export function liveBlocks(messageId: string, content: string): LiveBlocks {
  const known = entries.get(messageId);
  if (known && known.split.markdown === content) return known;
  const split = extendMarkdownBlocks(known?.split ?? null, content);
  const texts = split.blocks.slice(0, -1).map((b) => b.text);
  const entry: Entry = { split, blocks: split.blocks, closed: known && sameTexts(known.closed, texts) ? known.closed : texts };
  entries.delete(messageId);
  entries.set(messageId, entry);
  if (entries.size > KEEP) entries.delete(entries.keys().next().value!);
  return entry;
}

/** The texts of the blocks from `from` on: what the live tail shows. */
export function tailTexts(split: LiveBlocks, from: number): string[] {
  return split.blocks.slice(from).map((b) => b.text);
}

/**
 * The blocks of a streamed answer's final text, split from its last live split (only the end is
 * split again), without replacing that split: the stream's own updates may still read it.
 */
export function finalBlockTexts(messageId: string, content: string): string[] {
  return extendMarkdownBlocks(lastSplit(messageId), content).blocks.map((b) => b.text);
}

/** The last live split of a message, while it is kept. */
export function lastSplit(messageId: string): SplitMarkdown | null {
  return entries.get(messageId)?.split ?? null;
}

/** The stream is over: its split is not needed any more. */
export function forgetLiveBlocks(messageId: string): void {
  entries.delete(messageId);
}
