/**
 * Groups stream chunks so the page hears about them a few dozen times a second instead of once
 * per token: each message from the stream worker costs the page a task, and at 200 tokens a
 * second on a phone-class CPU those tasks alone took a large share of the main thread. The
 * first chunk after a pause goes at once, so the first token shows without delay.
 */
export interface ChunkBatcher<T> {
  push(item: T): void;
  /** Sends what is waiting now (end of stream, error, abort). */
  flush(): void;
}

export interface BatcherClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: BatcherClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createChunkBatcher<T>(send: (items: T[]) => void, intervalMs: number, clock: BatcherClock = realClock): ChunkBatcher<T> {
  let waiting: T[] = [];
  let lastSent = -Infinity;
  let timer: unknown = null;
  const flush = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    lastSent = clock.now();
    send(items);
  };
  return {
    push(item) {
      waiting.push(item);
      if (timer !== null) return;
      const due = lastSent + intervalMs - clock.now();
      if (due <= 0) flush();
      else timer = clock.setTimeout(flush, due);
    },
    flush,
  };
}
