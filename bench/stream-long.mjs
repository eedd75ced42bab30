// Streaming a long answer ("Fast at any length", figure 1).
//
// A deterministic ~15,000-token markdown answer, one token-like piece per SSE chunk, 5 ms apart
// (200 tokens/s), from the project's
// mock upstream through the built app, in headless Chromium. Measured from Enter to the answer
// shown as done: frames per second, long tasks (> 50 ms), main-thread script time (CDP
// Performance.getMetrics; the app's, without what the bench's own frame counter costs), and the
// delay from the mock writing the last chunk to the page showing data-status="done" with its
// whole text on screen.
//
//   node bench/stream-long.mjs [--quick] [--runs 3] [--tokens 15000] [--delay 5] [--cpu-throttle 4]
//                              [--content mixed|classic|code-tail|open-code-tail] [--no-usage] [--profile [--profile-out file.cpuprofile]]
//                              [--trace-end trace.json] [--profile-end]
//
// --content: "mixed" (default; bench/lib/mixed-content.mjs) is shaped like real answers: prose with
// inline code, bold and links, nested and loose lists with code in items, tables, and code blocks
// in TypeScript, TSX, Python, Bash and JSON. "classic" is the older, narrower answer (prose, lists,
// tables, short code blocks, inline and block math). "code-tail" ends the mixed answer with one
// long TypeScript block (a third of the tokens, as when a model ends with a whole file), the
// dearest shape to show done; "open-code-tail" leaves that block's fence unclosed, as an answer
// cut off by max_tokens does. --cpu-throttle N slows the page's main thread
// N times before it loads (4 stands for a mid-range phone); the targets printed are then the
// phone's. --quick: 1,500 tokens, 2 runs. --profile: one more (unscored) run under the CDP sampling
// profiler, printing the top self-time functions; with a source-mapped build (see bench/README.md)
// they carry real names.
import { writeFileSync } from "node:fs";
import { args, cpuThrottleArg, figure, longMarkdown, median, report, round, sleep, throttleCpu, throttleLabel, waitComposer, withStack, loadLine } from "./lib.mjs";
import { codeTailMarkdown, describeMixed, mixedMarkdown } from "./lib/mixed-content.mjs";
import { streamProbe, summariseWindow } from "./lib/page-probe.mjs";
import { printProfile, printTrace, startProfile, stopProfile, summariseProfile, summariseTrace } from "./lib/cpu-profile.mjs";

const a = args();
const quick = a.has("quick");
const tokens = a.num("tokens", quick ? 1500 : 15000);
const runs = a.num("runs", quick ? 2 : 3);
const delay = a.num("delay", 5);
const profile = a.has("profile");
// The profiled run's CPU profile as a file for DevTools' Performance panel (or any .cpuprofile reader).
const profileOut = a.str("profile-out", null);
// --trace-end FILE: the last run also writes a trace of its end (the last seconds of the stream
// until the answer is shown done) to FILE, for DevTools or a script that splits the long tasks.
const traceEnd = a.str("trace-end", null);
// --profile-end: the last run also takes a CPU profile from its last 40 chunks to the answer shown done
// (written to --profile-out FILE when given).
const profileEnd = a.has("profile-end");
const throttle = cpuThrottleArg(a);
const contentKind = a.str("content", "mixed");
// --no-usage: the upstream sends no usage chunk (as some relays do), so the page counts the answer itself.
const noUsage = a.has("no-usage");
const CONTENTS = {
  mixed: () => mixedMarkdown(tokens),
  classic: () => longMarkdown(tokens),
  "code-tail": () => codeTailMarkdown(tokens),
  "open-code-tail": () => codeTailMarkdown(tokens, { open: true }),
};
if (!CONTENTS[contentKind]) throw new Error(`--content takes ${Object.keys(CONTENTS).join(", ")}, not "${contentKind}"`);

const answer = CONTENTS[contentKind]();
const { text, pieces } = answer;
console.log(`stream-long: ${pieces.length} chunks (${text.length} chars, ${text.split("\n").length} lines, ${(text.match(/^ *```\w/gm) ?? []).length} code blocks), ${delay} ms apart; ${runs} run(s)${profile ? " + 1 profiled run" : ""}; ${throttleLabel(throttle)}`);
console.log(`content: ${answer.tailChars ? `ending in one TypeScript code block of ${answer.tailChars} characters${contentKind.startsWith("open") ? ", its fence never closed" : ""}; before it, ` : ""}${answer.counts ? describeMixed(answer.counts) : "classic: prose, lists, tables, short js/python/ts/bash code blocks, inline and block math (--content mixed is the default)"}`);
if (noUsage) console.log("usage: none (the upstream sends no usage chunk; the page counts the answer itself)");
console.log(loadLine("load at start"));

/** Share of wall time the main thread spent in script and in all tasks, per quarter of the stream. */
function quarters(samples) {
  const t0 = samples[0].at;
  const span = samples[samples.length - 1].at - t0;
  const out = [];
  for (let q = 0; q < 4; q++) {
    const inQ = samples.filter((s) => s.at - t0 >= (q * span) / 4 - 1 && s.at - t0 <= ((q + 1) * span) / 4 + 1);
    if (inQ.length < 2) continue;
    const a = inQ[0];
    const b = inQ[inQ.length - 1];
    const secs = (b.at - a.at) / 1000;
    out.push({ script: (b.ScriptDuration - a.ScriptDuration) / secs, task: (b.TaskDuration - a.TaskDuration) / secs, layout: (b.LayoutDuration - a.LayoutDuration) / secs });
  }
  return out;
}

async function oneRun({ stack, browser }, index, withProfiler) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(streamProbe);
  const cdp = await throttleCpu(context, page, throttle);
  await cdp.send("Performance.enable");
  await page.goto(stack.url);
  await waitComposer(page, 30_000 * throttle);
  // Let the page settle: the tokenizer warms up 1.5 s after load.
  await sleep(2500);
  stack.mock.enqueue({ kind: "stream", contentChunks: pieces, chunkDelayMs: delay, noUsage });
  await page.getByTestId("composer-input").fill(`Write a long answer (run ${index})`);
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const m0 = await metric();
  if (withProfiler) await startProfile(cdp);
  const from = await page.evaluate(() => {
    window.__bench.recordFrames = true;
    return performance.now();
  });
  const requestsBefore = stack.mock.requests.length;
  await page.getByTestId("composer-input").press("Enter");
  const timeoutMs = (60_000 + pieces.length * delay * 3) * throttle;
  // Main-thread time as the answer grows: about 20 samples of the metrics over the stream.
  const every = Math.min(2000, Math.max(400, (pieces.length * delay * 1.15) / 20));
  const samples = [{ at: Date.now(), ...m0 }];
  let finished = false;
  const sampler = (async () => {
    while (!finished) {
      await sleep(every);
      if (!finished) samples.push({ at: Date.now(), ...(await metric().catch(() => ({}))) });
    }
  })();
  // With --profile: a 4 s trace of the renderer once three quarters of the answer are in.
  let tracing = null;
  if (traceEnd && index === runs) {
    tracing = (async () => {
      // The stream takes a few per cent longer than its nominal pace; start about 3 s before its end.
      await sleep(pieces.length * delay * 1.06 - 3000);
      await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink", "cc"] });
      while (!finished) await sleep(100);
      await sleep(500);
      return browser.stopTracing();
    })().catch((err) => (console.log(`tracing failed: ${err.message}`), null));
  } else if (profileEnd && index === runs) {
    tracing = (async () => {
      const request = () => stack.mock.requests.slice(requestsBefore).find((r) => r.path.endsWith("/chat/completions"));
      while (!finished && !((request()?.chunksSent ?? 0) >= pieces.length - 40)) await sleep(20);
      await startProfile(cdp, 250);
      while (!finished) await sleep(50);
      await sleep(300);
      return stopProfile(cdp);
    })().catch((err) => (console.log(`profiling failed: ${err.message}`), null));
  } else if (withProfiler) {
    tracing = (async () => {
      await sleep(pieces.length * delay * 1.1 * 0.75);
      if (finished) return null;
      await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink", "cc", "gpu"] });
      await sleep(4000);
      return browser.stopTracing();
    })().catch((err) => (console.log(`tracing failed: ${err.message}`), null));
  }
  try {
    await Promise.race([
      page.evaluate(() => new Promise((resolve) => (window.__bench.doneFrame ? resolve() : (window.__bench.resolve = resolve)))),
      sleep(timeoutMs).then(() => {
        throw new Error(`the answer did not finish within ${timeoutMs} ms`);
      }),
    ]);
  } finally {
    finished = true;
    await sampler;
  }
  const prof = withProfiler ? await stopProfile(cdp) : null;
  const trace = tracing ? await tracing : null;
  if (trace && profileEnd && !withProfiler) printProfile(await summariseProfile(trace, 30), `CPU profile of the end of run ${index} (last 40 chunks until done, self time)`);
  if (trace && profileEnd && !withProfiler && profileOut) {
    writeFileSync(profileOut, JSON.stringify(trace));
    console.log(`CPU profile of the end of run ${index} written to ${profileOut}`);
  }
  if (trace && traceEnd && !withProfiler) {
    writeFileSync(traceEnd, trace);
    console.log(`trace of the end of run ${index} written to ${traceEnd}`);
  }
  const m1 = await metric();
  samples.push({ at: Date.now(), ...m1 });
  const b = await page.evaluate(() => ({ done: window.__bench.done, doneFrame: window.__bench.doneFrame }));
  // Whether the message showed its final text (once every block is settled) when it turned done;
  // if not, the last change to it after is taken as the moment it did.
  await sleep(2500);
  const shownAt = await page.evaluate(() => {
    const b = window.__bench;
    const content = [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1).querySelector('[data-testid="message-content"]');
    const whole = b.shownAtDone === window.__benchAnswerText(content);
    const at = whole ? b.done.date : (b.changedAfterDone.at(-1) ?? NaN);
    return { at, lateBy: at - b.done.date };
  });
  // The frame counter (a requestAnimationFrame loop, bench/lib/page-probe.mjs) is script too: on
  // the idle page afterwards it is the only script left, so what it costs a second there, times
  // the measured span, is taken out of the app's script time (the smaller of two samples).
  const counterRates = [];
  for (let i = 0; i < 2; i++) {
    const a0 = await metric();
    await sleep(1500);
    const a1 = await metric();
    counterRates.push((a1.ScriptDuration - a0.ScriptDuration) / (a1.Timestamp - a0.Timestamp));
  }
  const counterS = Math.max(0, Math.min(...counterRates)) * (m1.Timestamp - m0.Timestamp);
  const w = await page.evaluate(summariseWindow, { from, to: b.doneFrame.perf });
  const req = stack.mock.requests.slice(requestsBefore).find((r) => r.path.endsWith("/chat/completions") && r.lastChunkAt);
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  await context.close();
  const d = (k) => (m1[k] ?? 0) - (m0[k] ?? 0);
  return {
    status: b.done.status,
    seconds: w.seconds,
    fps: w.fps,
    worstGap: w.worstGap,
    over33: w.over33,
    longTasks: w.longTaskCount,
    longTaskMs: w.longTaskTotal,
    longTaskMax: w.longTaskMax,
    loafCount: w.loafCount,
    loafMs: w.loafTotal,
    topScripts: w.topScripts,
    scriptS: d("ScriptDuration") - counterS,
    rawScriptS: d("ScriptDuration"),
    counterS,
    taskS: d("TaskDuration"),
    layoutS: d("LayoutDuration"),
    styleS: d("RecalcStyleDuration"),
    heapMB: (m1.JSHeapUsedSize ?? 0) / 2 ** 20,
    domNodes,
    quarters: quarters(samples),
    // Done and showing its whole text: the later of the two.
    lastChunkToDone: req ? Math.max(b.done.date, shownAt.at) - req.lastChunkAt : NaN,
    textLateBy: shownAt.lateBy,
    lastChunkToDoneOrigin: req ? b.done.origin - req.lastChunkAt : NaN,
    lastChunkToDoneFrame: req ? b.doneFrame.date - req.lastChunkAt : NaN,
    streamS: req ? (req.lastChunkAt - req.at) / 1000 : NaN,
    profile: prof,
    trace,
  };
}

await withStack(async (ctx) => {
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const r = await oneRun(ctx, i, false);
    results.push(r);
    console.log(
      `run ${i}: ${r.status}; ${round(r.seconds)} s (upstream ${round(r.streamS)} s); ${round(r.fps)} fps (worst frame gap ${round(r.worstGap)} ms, ${r.over33} gaps > 33 ms); ` +
        `long tasks ${r.longTasks} (${round(r.longTaskMs)} ms, max ${round(r.longTaskMax)} ms); script ${round(r.scriptS, 2)} s (${round(r.rawScriptS, 2)} s with the bench's frame counter), task ${round(r.taskS, 2)} s, layout ${round(r.layoutS, 2)} s, style ${round(r.styleS, 2)} s; ` +
        `last chunk → done ${r.lastChunkToDone} ms (whole text shown ${r.textLateBy} ms after the status; next frame ${r.lastChunkToDoneFrame} ms; timeOrigin clock ${round(r.lastChunkToDoneOrigin)} ms); heap ${round(r.heapMB)} MB, ${r.domNodes} DOM nodes; ${loadLine("load")}`,
    );
    const pct = (x) => `${Math.round(x * 100)}%`;
    console.log(
      `       main thread busy per quarter of the stream — script: ${r.quarters.map((q) => pct(q.script)).join(" → ")}; layout: ${r.quarters.map((q) => pct(q.layout)).join(" → ")}; all tasks: ${r.quarters.map((q) => pct(q.task)).join(" → ")}`,
    );
  }
  const worst = results.length ? results.reduce((a, b) => (b.longTaskMs > a.longTaskMs ? b : a)) : null;
  if (worst?.topScripts.length) {
    console.log("\nLong animation frames of the run with the most long-task time, by script (invoker ← function @ source:char):");
    for (const s of worst.topScripts) console.log(`  ${round(s.duration).toString().padStart(8)} ms in ${String(s.count).padStart(4)} frames (forced style/layout ${round(s.forcedStyleAndLayout)} ms)  ${s.key}`);
  }
  if (profile) {
    const r = await oneRun(ctx, runs + 1, true);
    console.log(`\nprofiled run (not scored; the profiler slows it): ${round(r.fps)} fps, long tasks ${r.longTasks} (${round(r.longTaskMs)} ms), script ${round(r.scriptS, 2)} s`);
    printProfile(await summariseProfile(r.profile, 30), "CPU profile while streaming (main thread, self time)");
    if (profileOut) {
      writeFileSync(profileOut, JSON.stringify(r.profile));
      console.log(`CPU profile written to ${profileOut}`);
    }
    if (r.trace) printTrace(summariseTrace(r.trace, 25), "Trace of 4 s at three quarters of the answer");
  }
  const med = (k) => median(results.map((r) => r[k]));
  // Issue 10 §7: on a phone-class CPU (throttle 4) ≥ 50 fps, ≤ 5 long tasks, done ≤ 300 ms;
  // unthrottled, done ≤ 100 ms and ≤ 3 s of script for the whole answer.
  const phone = throttle > 1;
  report(
    phone ? `stream-long (cpu throttle ${throttle})` : "stream-long",
    [
      figure("frames per second while streaming", med("fps"), "fps", phone ? 50 : 55, "higher"),
      figure("long tasks (> 50 ms)", med("longTasks"), "", phone ? 5 : 0),
      figure("long-task time", med("longTaskMs"), "ms", null),
      figure("main-thread script time (the app's)", med("scriptS"), "s", phone ? null : 3),
      figure("… with the bench's frame counter", med("rawScriptS"), "s", null),
      figure("main-thread task time (all work)", med("taskS"), "s", null),
      figure("last chunk → shown done", med("lastChunkToDone"), "ms", phone ? 300 : 100),
      figure("worst frame gap", med("worstGap"), "ms", null),
    ],
    { chunks: pieces.length, chars: text.length, runs, content: contentKind, cpuThrottle: throttle },
  );
});
process.exit(0);
