/**
 * Room kept free below an answer while it streams. The answer's box grows in steps, not with
 * every update: an update that only adds text then changes no height outside the answer, so the
 * message list's resize observers, its second layout and the follow-the-bottom scroll run once a
 * step instead of a few times a second (on a phone-class CPU that chain was about a quarter of an
 * update's cost). When the text comes within half a step of the end, the next step is taken in an
 * idle moment, apart from an update's frame; text that reaches the end takes it at once.
 */
export interface StreamReserveDeps {
  /** How much room a step adds, in px (read each time: the list's height can change). */
  step(): number;
  /** Sets the box's minimum height, in px. */
  apply(px: number): void;
  /** Runs `task` when the page is idle; returns a cancel. */
  later(task: () => void): () => void;
}

export interface StreamReserve {
  /** The answer's own height now, in px (from a resize observer). */
  contentHeight(px: number): void;
  /** Stops: no step is taken after this. */
  dispose(): void;
}

export function createStreamReserve(deps: StreamReserveDeps): StreamReserve {
  let reserved = 0;
  let height = 0;
  let cancel: (() => void) | null = null;
  let disposed = false;
  const grow = () => {
    cancel?.();
    cancel = null;
    reserved = Math.ceil(height + Math.max(1, deps.step()));
    deps.apply(reserved);
  };
  return {
    contentHeight(px) {
      if (disposed || !Number.isFinite(px) || px < 0) return;
      height = px;
      // At the end of the room, or far from it: the text shrank (a reasoning block folded when
      // the answer began) or the list did (a phone's keyboard opened). The room is one step
      // again, so the text being written stays on screen.
      if (height >= reserved || reserved - height > deps.step()) grow();
      else if (!cancel && reserved - height < deps.step() / 2) {
        cancel = deps.later(() => {
          cancel = null;
          if (!disposed) grow();
        });
      }
    },
    dispose() {
      disposed = true;
      cancel?.();
      cancel = null;
    },
  };
}

/** A step: a third of the message list's height on screen, at least 48 px. */
export function reserveStep(listHeight: number): number {
  return Math.max(48, Math.round(listHeight / 3));
}
