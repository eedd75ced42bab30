/**
 * How often the answer being streamed is shown again. At most every `minMs`; when showing one
 * update costs more than `share` of the time between updates (a phone-class CPU, a long block
 * being written), updates are spaced out so the page keeps the rest of its time for frames,
 * scrolling and typing. Text still arrives whole: a later update shows everything received.
 */
export interface PublishPacer {
  /** Main-thread time one update took (render, layout and paint), in ms. */
  record(ms: number): void;
  /** The time to wait between updates now, in ms. */
  interval(): number;
}

export function createPublishPacer({ minMs = 80, maxMs = 400, share = 0.2 }: { minMs?: number; maxMs?: number; share?: number } = {}): PublishPacer {
  // Smoothed, so one slow update (a garbage collection, a block that closed) does not halve the rate.
  let cost = 0;
  let samples = 0;
  return {
    record(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      cost = samples === 0 ? ms : cost * 0.75 + ms * 0.25;
      samples++;
    },
    interval() {
      return Math.round(Math.min(maxMs, Math.max(minMs, cost / share)));
    },
  };
}
