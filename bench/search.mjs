// Search over a large history: 10,000 messages (English and Chinese, short questions, long answers
// with code, some regenerated answers on other branches) in 300 conversations, imported through
// Settings → Data. Queries are typed into the search one key at a time; each keystroke is timed
// in the page from its keydown (or, for characters without a key, its beforeinput) to the first
// frame after the results for the new text are on screen: the worker's search, the trip there and
// back, and React's render of the list. The same queries against the index module alone in Node
// give the search's own share.
//
//   node bench/search.mjs [--runs 2] [--messages 10000] [--conversations 300] [--answer-chars 2500] [--skip-browser] [--profile]
//
// --profile: every query typed once more, unscored, under the CDP sampling profiler (top functions
// by self time; real names with a source-mapped build, see bench/README.md), then under a trace
// (self time per event on the renderer main thread: layout, paint, script).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { searchHistory } from "./lib/search-history.mjs";
import { printProfile, printTrace, startProfile, stopProfile, summariseProfile, summariseTrace } from "./lib/cpu-profile.mjs";
import { args, figure, importThroughApp, loadLine, median, percentile, report, ROOT, round, waitComposer, withStack } from "./lib.mjs";

const a = args();
const runs = a.num("runs", a.has("quick") ? 1 : 2);
const opts = { messages: a.num("messages", 10_000), conversations: a.num("conversations", 300), answerChars: a.num("answer-chars", 2_500) };
const profile = a.has("profile");
const TARGET_MS = 50;
const QUERIES = ["kubernetes ingress", "服务器配置", "retry timeout", "数据库连接池", "useMemo", "流式输出卡顿", "proxy_buffering", "docker run -d", "反向代理", "xylophone quartz"];

const stats = (xs) => ({ median: median(xs), p95: percentile(xs, 95), max: Math.max(...xs), n: xs.length });
const line = (s) => `median ${round(s.median)} ms, p95 ${round(s.p95)} ms, max ${round(s.max)} ms over ${s.n} keystrokes`;

/** The index module itself, compiled from lib/search (TypeScript) for Node. */
async function loadIndexModule() {
  const out = await build({ entryPoints: [path.join(ROOT, "lib", "search", "search-index.ts")], bundle: true, write: false, format: "esm", platform: "neutral", logLevel: "warning" });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
}

async function nodeFigures(file) {
  const { createSearchIndex } = await loadIndexModule();
  const index = createSearchIndex();
  const t = performance.now();
  for (const c of file.conversations) index.update({ conv: { id: c.id, title: c.title, updatedAt: c.updatedAt }, set: c.messages.map((m) => [m.id, m.content]) });
  const buildMs = performance.now() - t;
  const samples = [];
  for (let run = 0; run < Math.max(1, runs); run++) {
    for (const q of QUERIES) {
      index.search("");
      for (let i = 1; i <= q.length; i++) {
        const s = performance.now();
        index.search(q.slice(0, i));
        samples.push(performance.now() - s);
      }
    }
  }
  return { buildMs, keystrokes: stats(samples), heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

/** In the page: stamps each keystroke into the search input and the frame its results are shown in. */
function keystrokeProbe() {
  const probe = (window.__searchProbe = { samples: [], keydownAt: null, pending: null, answers: [], sent: [] });
  // The worker's answers as they reach the page, with the time the search took in the worker, and
  // the queries as they leave the page.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => e.data?.type === "result" && probe.answers.push({ query: e.data.query, at: performance.now(), ms: e.data.ms }));
    }
    postMessage(data, ...rest) {
      if (data?.type === "query") probe.sent.push({ query: data.query, at: performance.now() });
      return super.postMessage(data, ...rest);
    }
  };
  const isInput = (t) => t?.getAttribute?.("data-testid") === "search-input";
  document.addEventListener("keydown", (e) => isInput(e.target) && (probe.keydownAt = e.timeStamp), true);
  document.addEventListener(
    "beforeinput",
    (e) => {
      if (!isInput(e.target)) return;
      probe.pending = { start: probe.keydownAt ?? e.timeStamp };
      probe.keydownAt = null;
    },
    true,
  );
  const check = () => {
    const input = document.querySelector('[data-testid="search-input"]');
    const body = document.querySelector('[data-testid="search-body"]');
    const p = probe.pending;
    if (!p || !input || !body || !input.value.trim() || body.getAttribute("data-query") !== input.value) return;
    probe.pending = null;
    const query = input.value;
    const results = body.querySelectorAll('[data-testid="search-result"]').length;
    const answer = probe.answers.findLast((x) => x.query === query);
    const sent = probe.sent.findLast((x) => x.query === query);
    const committed = performance.now() - p.start;
    requestAnimationFrame(() =>
      probe.samples.push({
        query,
        ms: performance.now() - p.start,
        results,
        toSent: sent ? sent.at - p.start : NaN,
        toAnswer: answer ? answer.at - p.start : NaN,
        toCommit: committed,
        worker: answer?.ms ?? NaN,
      }),
    );
  };
  // The document itself: an init script runs before <html> exists.
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-query"] });
}

/** Stops the run saying what the page showed: its dialogs, the focused element and a screenshot. */
async function failWithPage(page, why) {
  const shot = path.join(os.tmpdir(), `relaychat-search-failed-${Date.now()}.png`);
  await page.screenshot({ path: shot }).catch(() => undefined);
  const seen = await page.evaluate(() => ({
    url: location.href,
    dialogs: [...document.querySelectorAll('[role="dialog"]')].map((d) => d.getAttribute("data-testid") ?? d.getAttribute("aria-label")),
    focused: document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName,
    text: document.body.innerText.slice(0, 300),
  }));
  throw new Error(`${why}; the page: ${JSON.stringify(seen)}; screenshot ${shot}`);
}

/** Types `q` one key at a time from an empty box; the probe's samples, one per keystroke. */
async function typeQuery(page, q) {
  const input = page.getByTestId("search-input");
  await input.fill("");
  await page.evaluate(() => (window.__searchProbe.samples = []));
  for (const ch of q) {
    const before = await page.evaluate(() => window.__searchProbe.samples.length);
    await page.keyboard.type(ch);
    await page.waitForFunction((n) => window.__searchProbe.samples.length > n, before, { timeout: 60_000, polling: 10 }).catch(async (err) => {
      const state = await page.evaluate(() => ({
        value: document.querySelector('[data-testid="search-input"]')?.value,
        shown: document.querySelector('[data-testid="search-body"]')?.getAttribute("data-query"),
        state: document.querySelector('[data-testid="search-body"]')?.getAttribute("data-state"),
        pending: window.__searchProbe.pending,
      }));
      throw new Error(`no results for ${JSON.stringify(state.value)} after typing ${JSON.stringify(ch)}: ${JSON.stringify(state)} (${err.message})`);
    });
  }
  return page.evaluate(() => window.__searchProbe.samples);
}

/** --profile: every query typed once more (not scored) under the CPU profiler, then under a trace. */
async function profiledRun(browser, page) {
  const cdp = await page.context().newCDPSession(page);
  await startProfile(cdp);
  for (const q of QUERIES) await typeQuery(page, q);
  const prof = await stopProfile(cdp);
  printProfile(await summariseProfile(prof, 30), "CPU profile while typing every query once (main thread, self time)");
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink"] });
  for (const q of QUERIES) await typeQuery(page, q);
  printTrace(summariseTrace(await browser.stopTracing(), 25), "Trace while typing every query once more");
}

async function browserFigures(filePath, minBytes) {
  return withStack(async ({ stack, browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // A page that throws (an unmounted app) shows up here, not as a hang.
    page.on("pageerror", (err) => console.log(`page error: ${err.message}`));
    page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text().slice(0, 300)}`));
    await page.goto(stack.url);
    await waitComposer(page);
    const seeded = await importThroughApp(page, filePath, { minBytes });
    console.log(`seeded through Settings → Data: import ${seeded.importMs} ms, written after ${seeded.savedMs} ms`);
    // A fresh page, as a user would open it later: the index is built from what storage holds.
    await page.addInitScript(keystrokeProbe);
    await page.reload();
    await waitComposer(page, 180_000);
    const input = page.getByTestId("search-input");
    // Ctrl+K works once the app has read storage (the search button is enabled then); on a busy
    // machine that can come well after the composer shows.
    await page.waitForSelector('[data-testid="search-button"]:not([disabled])', { timeout: 180_000 }).catch(() => null);
    const t = Date.now();
    await page.keyboard.press("Control+k");
    await input.waitFor({ timeout: 30_000 }).catch(() => null);
    if (!(await input.isVisible())) await failWithPage(page, "Ctrl+K did not open the search");
    await input.fill("warm-up");
    // An error answer never sets data-query: wait for either, and say what the page shows if neither comes.
    await page.waitForSelector('[data-testid="search-body"][data-query="warm-up"], [data-testid="search-body"][data-state="error"]', { timeout: 120_000 }).catch(() => null);
    const warm = await page.evaluate(() => {
      const body = document.querySelector('[data-testid="search-body"]');
      return { value: document.querySelector('[data-testid="search-input"]')?.value, state: body?.getAttribute("data-state"), shown: body?.getAttribute("data-query"), text: body?.textContent?.slice(0, 200) };
    });
    if (warm.shown !== "warm-up") await failWithPage(page, `no answer to the warm-up query: ${JSON.stringify(warm)}`);
    const firstAnswerMs = Date.now() - t;
    console.log(`Ctrl+K → first answer ${firstAnswerMs} ms (includes the index reading the whole history if the page had not done it while idle)`);
    await input.fill("");
    const samples = [];
    const toSent = [];
    const toAnswer = [];
    const toCommit = [];
    const inWorker = [];
    const perQuery = [];
    for (let run = 1; run <= runs; run++) {
      for (const q of QUERIES) {
        const got = await typeQuery(page, q);
        samples.push(...got.map((s) => s.ms));
        toSent.push(...got.map((s) => s.toSent));
        toAnswer.push(...got.map((s) => s.toAnswer));
        toCommit.push(...got.map((s) => s.toCommit));
        inWorker.push(...got.map((s) => s.worker));
        perQuery.push({ q, run, ms: got.map((s) => round(s.ms)), results: got.at(-1)?.results ?? 0 });
      }
    }
    for (const p of perQuery) console.log(`run ${p.run} ${JSON.stringify(p.q)}: ${p.ms.join(" ")} ms per key; ${p.results} results shown`);
    if (profile) await profiledRun(browser, page);
    await context.close();
    const finite = (xs) => stats(xs.filter(Number.isFinite));
    return { firstAnswerMs, keystrokes: stats(samples), toSent: finite(toSent), toAnswer: finite(toAnswer), toCommit: finite(toCommit), inWorker: finite(inWorker) };
  });
}

const t = Date.now();
const history = searchHistory(opts);
const json = JSON.stringify(history.file);
const dir = mkdtempSync(path.join(os.tmpdir(), "relaychat-search-"));
const filePath = path.join(dir, "search-history.json");
writeFileSync(filePath, json);
console.log(
  `search: ${history.totalMessages} messages in ${opts.conversations} conversations, ${(history.totalChars / 1e6).toFixed(1)} million characters ` +
    `(${(Buffer.byteLength(json) / 2 ** 20).toFixed(1)} MB as an export file, generated in ${Date.now() - t} ms); ${runs} run(s) of ${QUERIES.length} typed queries`,
);
console.log(loadLine("load at start"));

try {
  const node = await nodeFigures(history.file);
  console.log(`Node, index module alone: built in ${round(node.buildMs)} ms (heap ${round(node.heapMb)} MB); per keystroke ${line(node.keystrokes)}`);
  const browser = a.has("skip-browser") ? null : await browserFigures(filePath, Buffer.byteLength(json) / 4);
  if (browser) {
    console.log(`browser, keystroke → results on screen: ${line(browser.keystrokes)}`);
    console.log(`  of which keystroke → the query sent to the worker: ${line(browser.toSent)}`);
    console.log(`  of which keystroke → the worker's answer in the page: ${line(browser.toAnswer)}`);
    console.log(`  of which keystroke → the results in the DOM (before the frame): ${line(browser.toCommit)}`);
    console.log(`  of which the search in the worker: ${line(browser.inWorker)}`);
  }
  report(
    "search",
    [
      ...(browser
        ? [
            figure(`keystroke → results shown, median (${history.totalMessages} messages)`, browser.keystrokes.median, "ms", TARGET_MS),
            figure("keystroke → results shown, p95", browser.keystrokes.p95, "ms", TARGET_MS),
            figure("keystroke → results shown, max", browser.keystrokes.max, "ms", null),
            figure("keystroke → worker's answer in the page, median", browser.toAnswer.median, "ms", null),
            figure("search in the worker, median", browser.inWorker.median, "ms", null),
            figure("search in the worker, p95", browser.inWorker.p95, "ms", null),
            figure("Ctrl+K → first answer after a reload", browser.firstAnswerMs, "ms", null),
          ]
        : []),
      figure("index alone (Node): search per keystroke, median", node.keystrokes.median, "ms", null),
      figure("index alone (Node): search per keystroke, p95", node.keystrokes.p95, "ms", null),
      figure("index alone (Node): build over the whole history", node.buildMs, "ms", null),
    ],
    { runs, messages: history.totalMessages, characters: history.totalChars },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
