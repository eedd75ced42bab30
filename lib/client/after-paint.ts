/**
 * Resolves once the frame being prepared has been painted (a frame, then a task after it), so that
 * work started then does not compete with that frame. A hidden page paints no frames: after 100 ms
 * it resolves anyway.
 */
export function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return Promise.resolve();
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
