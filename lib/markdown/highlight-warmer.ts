/**
 * Readies the markdown worker for the highlight that closes a long code block. The first highlight
 * of a long block in a fresh worker runs before V8 has optimised highlight.js: 60-80 ms for 14.6 kB
 * of TypeScript, against 16-25 ms once warm (Node, same code). An answer that ends in a long block
 * waits for that highlight before it is shown done. So while such a block streams, the worker
 * builds the finished block it would be if its fence closed now, each time the block has grown by
 * half, in the worker's idle moments; the last one is kept, and used if the block closes just there.
 */

import { closesFence } from "./pipeline-core";

/** Blocks shorter than this are highlighted fast enough cold. */
export const WARM_FROM_CHARS = 1500;
/** A block is built again once it is this many times as long as when it was last built. */
export const WARM_GROWTH = 1.5;

const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n/;

/**
 * The text of the block as a closed fence, for a block being written that is an open fence; else
 * null (prose, or a fence closed already: that one is about to be asked for as it is).
 */
export function closedFenceText(blockText: string): string | null {
  const m = OPEN_FENCE.exec(blockText);
  if (!m) return null;
  if (closesFence(m[1], blockText.slice(blockText.lastIndexOf("\n") + 1))) return null;
  return `${blockText}${blockText.endsWith("\n") ? "" : "\n"}${m[1]}`;
}

export interface HighlightWarmer<T> {
  /** A block being written (the live tail's last one); may schedule a build of it, closed. */
  consider(blockText: string): void;
  /** The kept build, when `text` is the closed block it was made for. */
  take(text: string): T | undefined;
}

export function createHighlightWarmer<T>(build: (closedText: string) => T, schedule: (run: () => void) => void = (run) => void setTimeout(run, 0)): HighlightWarmer<T> {
  let builtLength = 0;
  let lastStart = "";
  let queued: string | null = null;
  let kept: { text: string; result: T } | null = null;
  return {
    consider(blockText) {
      const closed = closedFenceText(blockText);
      if (!closed || blockText.length < WARM_FROM_CHARS) return;
      // Another block (or the same one started over): count from nothing again.
      const start = blockText.slice(0, 200);
      if (start !== lastStart || blockText.length < builtLength) {
        lastStart = start;
        builtLength = 0;
      }
      if (builtLength > 0 && blockText.length < builtLength * WARM_GROWTH) return;
      builtLength = blockText.length;
      const first = queued === null;
      queued = closed;
      // One build at a time, of the newest text, after the replies already asked for.
      if (!first) return;
      schedule(() => {
        const text = queued!;
        queued = null;
        try {
          kept = { text, result: build(text) };
        } catch {
          kept = null;
        }
      });
    },
    take(text) {
      return kept?.text === text ? kept.result : undefined;
    },
  };
}
