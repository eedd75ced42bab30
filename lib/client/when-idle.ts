/**
 * Runs `task` when the page is idle, or after `timeout` ms at the latest; where there is no
 * requestIdleCallback (older Safari), after `fallbackMs`. Returns a cancel.
 */
export function whenIdle(task: () => void, { timeout, fallbackMs = 0 }: { timeout: number; fallbackMs?: number }): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(() => task(), { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, fallbackMs);
  return () => clearTimeout(timer);
}
