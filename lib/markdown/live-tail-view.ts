/**
 * The live tail of an answer being streamed: its blocks that React does not render yet (the block
 * being written, and a block that closed until its highlighted tree is ready), each shown as the
 * HTML the markdown worker builds (lib/markdown/live-html.ts). An update costs the page one
 * innerHTML of the block that changed: no React render, no parsing on the main thread.
 *
 * One request is in flight at a time: text that arrives meanwhile only replaces what to ask for
 * next, so a worker slower than the updates never builds up a queue.
 */
export interface TailSegment {
  setHtml(html: string): void;
  remove(): void;
}

export interface LiveTailDeps {
  /** The HTML of a block being streamed (in the worker). */
  html(text: string): Promise<string>;
  /** A new, empty segment after the existing ones. */
  addSegment(): TailSegment;
  /** Called once an answer has been put in, with the time it took until painted. */
  shown?(startedAt: number): void;
  now?: () => number;
}

export interface LiveTailView {
  /** The tail now: the texts of blocks `from`, `from + 1`, … of the answer. */
  show(from: number, texts: readonly string[]): void;
  dispose(): void;
}

interface Segment {
  el: TailSegment;
  /** The text its HTML shows ("" before the first answer). */
  shown: string;
  wanted: string;
}

export function createLiveTailView(deps: LiveTailDeps): LiveTailView {
  const now = deps.now ?? (() => performance.now());
  // By block index in the answer: React takes blocks over from the front.
  const segments = new Map<number, Segment>();
  let inFlight = false;
  let disposed = false;

  const next = () => {
    if (inFlight || disposed) return;
    // The first segment whose text changed: earlier blocks close first, so they are never starved.
    const index = [...segments.keys()].sort((a, b) => a - b).find((i) => segments.get(i)!.wanted !== segments.get(i)!.shown);
    if (index === undefined) return;
    const text = segments.get(index)!.wanted;
    inFlight = true;
    void deps.html(text).then(
      (html) => {
        inFlight = false;
        const segment = segments.get(index);
        if (!disposed && segment) {
          const startedAt = now();
          segment.el.setHtml(html);
          segment.shown = text;
          deps.shown?.(startedAt);
        }
        next();
      },
      () => {
        // Not asked again until its text changes: a failing request must not spin.
        inFlight = false;
        const segment = segments.get(index);
        if (segment) segment.shown = text;
        next();
      },
    );
  };

  return {
    show(from, texts) {
      if (disposed) return;
      for (const [index, segment] of segments) {
        if (index < from || index >= from + texts.length) {
          segment.el.remove();
          segments.delete(index);
        }
      }
      texts.forEach((text, i) => {
        const index = from + i;
        const segment = segments.get(index);
        if (segment) segment.wanted = text;
        else segments.set(index, { el: deps.addSegment(), shown: "", wanted: text });
      });
      next();
    },
    dispose() {
      disposed = true;
      for (const segment of segments.values()) segment.el.remove();
      segments.clear();
    },
  };
}
