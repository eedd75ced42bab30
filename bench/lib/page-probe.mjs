// In-page probes shared by the browser benchmarks, installed with page.addInitScript before any
// app script runs. Each is a plain function serialised into the page: no closures over Node values.

/**
 * window.__bench: a requestAnimationFrame counter (frame timestamps while `recordFrames` is set),
 * long tasks (> 50 ms) and long animation frames with script attribution (buffered), and a
 * MutationObserver that stamps when an assistant message leaves data-status="streaming"
 * (Date.now() and performance.now(), then again at the next animation frame).
 */
export function streamProbe() {
  if (window.__bench) return;
  // The answer's text as shown: buttons ("Copy code") and hidden stand-ins are not part of it.
  const answerText = (content) => {
    const copy = content.cloneNode(true);
    for (const el of copy.querySelectorAll('button, [aria-hidden="true"]')) el.remove();
    return copy.textContent;
  };
  window.__benchAnswerText = answerText;
  const b = (window.__bench = { frames: 0, frameTimes: [], recordFrames: false, longTasks: [], loafs: [], done: null, doneFrame: null, resolve: null });
  const tick = (t) => {
    b.frames++;
    if (b.recordFrames) b.frameTimes.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    /* unsupported */
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: (e.scripts || []).map((s) => ({
            invoker: s.invoker,
            invokerType: s.invokerType,
            fn: s.sourceFunctionName,
            url: s.sourceURL,
            pos: s.sourceCharPosition,
            duration: s.duration,
            forcedStyleAndLayout: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {
    /* unsupported */
  }
  const mo = new MutationObserver((records) => {
    if (b.done) return;
    for (const r of records) {
      const el = r.target;
      if (r.oldValue !== "streaming" || el.getAttribute("data-testid") !== "message" || el.getAttribute("data-role") !== "assistant") continue;
      const status = el.getAttribute("data-status");
      if (status === "streaming") continue;
      b.done = { status, date: Date.now(), perf: performance.now(), origin: performance.timeOrigin + performance.now() };
      // "Shown done" means the whole text is on screen: the text shown now, and when the message
      // changed after, are kept, so the bench can tell whether the final text came later (and
      // then takes the last change as the moment it did: an upper bound that costs the page nothing).
      const content = el.querySelector('[data-testid="message-content"]');
      if (content) {
        b.shownAtDone = answerText(content);
        b.changedAfterDone = [];
        const watch = new MutationObserver(() => b.changedAfterDone.push(Date.now()));
        watch.observe(content, { subtree: true, childList: true, characterData: true });
        setTimeout(() => watch.disconnect(), 5000);
      }
      requestAnimationFrame(() => {
        b.doneFrame = { date: Date.now(), perf: performance.now() };
        if (b.resolve) b.resolve();
      });
      return;
    }
  });
  mo.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status"], attributeOldValue: true });
}

/** Summarises frames, long tasks and long animation frames of window.__bench between two perf times. */
export function summariseWindow({ from, to }) {
  const b = window.__bench;
  const frames = b.frameTimes.filter((t) => t >= from && t <= to);
  let worstGap = 0;
  let over33 = 0;
  for (let i = 1; i < frames.length; i++) {
    const gap = frames[i] - frames[i - 1];
    if (gap > worstGap) worstGap = gap;
    if (gap > 33.4) over33++;
  }
  const longTasks = b.longTasks.filter((t) => t.start >= from && t.start <= to);
  const loafs = b.loafs.filter((t) => t.start >= from && t.start <= to);
  // Script attribution of long animation frames: where the time of the janky frames went.
  const byScript = {};
  for (const f of loafs) {
    for (const s of f.scripts) {
      const key = `${s.invokerType || "?"} ${s.invoker || "?"} ← ${s.fn || "(anonymous)"} @ ${(s.url || "").replace(/^.*\/_next\//, "_next/")}:${s.pos}`;
      const e = (byScript[key] ??= { key, count: 0, duration: 0, forcedStyleAndLayout: 0 });
      e.count++;
      e.duration += s.duration;
      e.forcedStyleAndLayout += s.forcedStyleAndLayout || 0;
    }
  }
  const loafStyleLayout = loafs.reduce((n, f) => n + (f.styleAndLayoutStart ? f.start + f.duration - f.styleAndLayoutStart : 0), 0);
  return {
    seconds: (to - from) / 1000,
    frames: frames.length,
    fps: frames.length / ((to - from) / 1000),
    worstGap,
    over33,
    longTaskCount: longTasks.length,
    longTaskTotal: longTasks.reduce((n, t) => n + t.duration, 0),
    longTaskMax: longTasks.reduce((n, t) => Math.max(n, t.duration), 0),
    loafCount: loafs.length,
    loafTotal: loafs.reduce((n, f) => n + f.duration, 0),
    loafBlocking: loafs.reduce((n, f) => n + (f.blocking || 0), 0),
    loafStyleLayout,
    topScripts: Object.values(byScript)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 8),
  };
}
