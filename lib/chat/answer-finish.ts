/**
 * The moment between an answer's last byte and showing it done. Showing it done renders its last
 * blocks for good (parsed and highlighted); built on the page, that is the dearest render of the
 * whole answer on a slow phone. So the renderer, once loaded, registers a preparer that builds
 * them in the markdown worker, and the send path waits for it, a bounded time, before it shows
 * the answer done. Whatever is not ready by then is built on the page as before.
 */
export type AnswerPreparer = (messageId: string, content: string) => Promise<unknown>;

let preparer: AnswerPreparer | null = null;

/** Called by the markdown renderer when it loads (components/chat/markdown.tsx). */
export function setAnswerPreparer(prepare: AnswerPreparer | null): void {
  preparer = prepare;
}

/**
 * Resolves once the finished answer's blocks are ready to show, or after `maxMs`, whichever comes
 * first; at once when no renderer is loaded. It never rejects: a failure only means the page
 * builds them itself.
 */
export function prepareFinishedAnswer(messageId: string, content: string, maxMs: number): Promise<void> {
  if (!preparer || !content) return Promise.resolve();
  let prepared: Promise<unknown>;
  try {
    prepared = preparer(messageId, content);
  } catch {
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    prepared.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}
