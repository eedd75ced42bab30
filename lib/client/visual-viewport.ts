/**
 * Keeps `--app-height` equal to the visible height. An on-screen keyboard shrinks the visual
 * viewport but (on iOS Safari, and on Android without `interactive-widget=resizes-content`) not
 * the layout one, so a `100dvh` page would keep its composer under the keyboard.
 */
export function trackVisualViewport(root: HTMLElement = document.documentElement): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => undefined;
  const apply = () => {
    root.style.setProperty("--app-height", `${Math.round(vv.height)}px`);
    // iOS scrolls the page to show the focused field; the app already fits, so undo that.
    if (vv.offsetTop > 0 && window.scrollY > 0) window.scrollTo(0, 0);
  };
  apply();
  vv.addEventListener("resize", apply);
  vv.addEventListener("scroll", apply);
  return () => {
    vv.removeEventListener("resize", apply);
    vv.removeEventListener("scroll", apply);
  };
}
