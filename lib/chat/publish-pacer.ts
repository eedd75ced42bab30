/**
 * How often the answer being streamed is shown again. At most every `minMs`; when showing one
 * update costs more than `share` of the time between updates (a phone-class CPU, a long block
 * being written), updates are spaced out so the page keeps the rest of its time for frames,
 * scrolling and typing. Text still arrives whole: a later update shows everything received.
 *
 * An update's cost is all the main-thread work it causes: the render when it is published, and
 * the render of the block's tree when the markdown worker sends it back a moment later
 * (`reportStreamRenderCost`, from the renderer).
 */
export interface PublishPacer {
  /** Main-thread time (render, layout and paint) spent on the latest update, in ms; adds up. */
  record(ms: number): void;
  /** A new update is being published: the previous one's cost is complete. */
  nextUpdate(): void;
  /** The time to wait between updates now, in ms. */
  interval(): number;
}

export function createPublishPacer({ minMs = 80, maxMs = 400, share = 0.2 }: { minMs?: number; maxMs?: number; share?: number } = {}): PublishPacer {
  // Smoothed, so one slow update (a garbage collection, a block that closed) does not halve the rate.
  let cost = 0;
  let samples = 0;
  let current = 0;
  let recorded = false;
  const smoothedWith = (latest: number) => (samples === 0 ? latest : cost * 0.75 + latest * 0.25);
  const fold = () => {
    if (!recorded) return;
    cost = smoothedWith(current);
    samples++;
    current = 0;
    recorded = false;
  };
  return {
    record(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      current += ms;
      recorded = true;
    },
    nextUpdate: fold,
    interval() {
      // The update still adding up counts once it is dearer than the smoothed figure.
      const estimate = recorded ? Math.max(cost, smoothedWith(current)) : cost;
      return Math.round(Math.min(maxMs, Math.max(minMs, estimate / share)));
    },
  };
}

const renderCostListeners = new Set<(ms: number) => void>();

/** The pacer of a running answer hears the cost of renders that its updates cause elsewhere. */
export function onStreamRenderCost(listener: (ms: number) => void): () => void {
  renderCostListeners.add(listener);
  return () => void renderCostListeners.delete(listener);
}

/** Called by the renderer after it showed a streamed block's new tree, with what that took. */
export function reportStreamRenderCost(ms: number): void {
  for (const listener of renderCostListeners) listener(ms);
}

/**
 * Reports the main-thread time from `startedAt` until the page has shown what was rendered since:
 * a task posted now runs once rendering, layout and paint of this frame are done.
 */
export function reportCostAfterPaint(startedAt: number, report: (ms: number) => void): void {
  setTimeout(() => report(performance.now() - startedAt), 0);
}
