// First page load ("Fast at any length", figure 2).
//
// Cold (a fresh browser context per run: empty HTTP cache, empty IndexedDB): the time from
// navigation start to a usable composer, and the JavaScript the page loads before it is hydrated.
// Sizes are each script body gzipped with zlib at level 9 (the app serves with compress: false, so
// transfer sizes are the raw bytes; both are shown).
//
// Two moments are measured. "On screen" is the first frame with the composer visible and enabled:
// the page is server-rendered (app/start/[lang]/page.tsx), so it takes text from then on; what is
// typed, and an Enter pressed, before the scripts run are kept and sent once they do (e2e
// first-screen.spec.ts). That is the load figure. "Hydrated" is when React has taken the composer
// over (its handlers attached: buttons and shortcuts work); it is printed beside it.
//
//   node bench/page-weight.mjs [--runs 5] [--cpu-throttle 4]
//
// --cpu-throttle N slows the page's main thread N times from before navigation (4 stands for a
// mid-range phone; the load target is then 1,500 ms instead of 500 ms).
import zlib from "node:zlib";
import { composition } from "./lib/cpu-profile.mjs";
import { args, cpuThrottleArg, figure, kB, loadLine, median, printTable, report, round, sleep, throttleCpu, throttleLabel, withStack } from "./lib.mjs";

const a = args();
const runs = a.num("runs", 5);
const throttle = cpuThrottleArg(a);
console.log(`page-weight: ${runs} cold load(s); ${throttleLabel(throttle)}`);

/**
 * Stamps (performance.now(), i.e. ms since navigation start) window.__shown at the first frame with
 * the composer visible and enabled, and window.__ready at the first one where React has hydrated it.
 */
function readyProbe() {
  const check = () => {
    const el = document.querySelector('[data-testid="composer-input"]');
    if (el && !el.disabled && !el.readOnly) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        window.__shown ??= performance.now();
        if (Object.keys(el).some((k) => k.startsWith("__reactProps$"))) {
          window.__ready = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

// What a chunk holds, guessed from strings the libraries keep after minification.
// With a source-mapped build (bench/lib/sourcemap-build.mjs) the exact make-up is shown instead.
const HINTS = [
  ["react-dom", /Minified React error|__reactFiber/],
  ["next runtime", /__NEXT_|next-router|nextjs/],
  ["react-markdown/unified", /micromark|mdast|unified|hast-util/],
  ["katex", /KaTeX/],
  ["highlight.js", /hljs|registerLanguage/],
  ["js-tiktoken rank tables", /bpe_ranks/],
  ["zod", /ZodError/],
  ["idb", /IDBDatabase|indexedDB/],
  ["app code", /data-testid/],
];

function hints(text) {
  return HINTS.filter(([, re]) => re.test(text))
    .map(([n]) => n)
    .join(", ");
}

async function oneRun({ stack, browser }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(readyProbe);
  await throttleCpu(context, page, throttle);
  const responses = [];
  const pending = [];
  context.on("response", (res) => {
    const type = res.request().resourceType();
    const ct = res.headers()["content-type"] ?? "";
    if (type !== "script" && !/javascript/.test(ct) && !/\.m?js(\?|$)/.test(res.url())) return;
    pending.push(
      (async () => {
        try {
          const body = await res.body();
          const sizes = await res.request().sizes().catch(() => null);
          responses.push({ url: res.url(), type, body, raw: body.length, transfer: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : NaN });
        } catch {
          /* body gone (navigation) */
        }
      })(),
    );
  });
  await page.goto(stack.url);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30_000 * throttle, polling: 20 });
  // Stay a little longer to see what loads right after (lazy chunks, the tokenizer worker).
  await sleep(3000);
  await Promise.all(pending);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      shown: window.__shown,
      ready: window.__ready,
      html: nav?.responseEnd,
      dcl: nav?.domContentLoadedEventEnd,
      load: nav?.loadEventEnd,
      fcp: fcp?.startTime,
      resources: performance.getEntriesByType("resource").map((e) => ({ name: e.name, responseEnd: e.responseEnd, initiator: e.initiatorType })),
    };
  });
  await context.close();
  for (const r of responses) {
    const parts = await composition(r.url, r.body.toString("utf8"));
    if (parts) r.makeup = parts.slice(0, 4).map((p) => `${p.name} ${kB(p.bytes)}k`).join(", ");
  }
  const endOf = new Map(timing.resources.map((r) => [r.name, r.responseEnd]));
  // One entry per URL: a worker started after the composer was usable loads the bundler's runtime
  // chunk again (from the cache), and the page's timing of that URL would count each copy as "before".
  const seen = new Set();
  const unique = responses
    .sort((x, y) => y.raw - x.raw)
    .filter((r) => (seen.has(r.url) ? false : (seen.add(r.url), true)));
  const scripts = unique.map((r) => {
    const end = endOf.get(r.url);
    return {
      url: r.url,
      path: new URL(r.url).pathname,
      raw: r.raw,
      transfer: r.transfer,
      gzip: zlib.gzipSync(r.body, { level: 9 }).length,
      // Not in the page's resource timing (a worker's script) counts as "later".
      before: end !== undefined && end <= timing.ready,
      end,
      hints: r.makeup ?? hints(r.body.toString("latin1")),
    };
  });
  return { timing, scripts };
}

await withStack(async (ctx) => {
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const r = await oneRun(ctx);
    results.push(r);
    const before = r.scripts.filter((s) => s.before);
    const gz = before.reduce((n, s) => n + s.gzip, 0);
    console.log(
      `run ${i}: composer on screen at ${round(r.timing.shown)} ms, hydrated at ${round(r.timing.ready)} ms (HTML ${round(r.timing.html)} ms, FCP ${round(r.timing.fcp)} ms, DOMContentLoaded ${round(r.timing.dcl)} ms, load ${round(r.timing.load)} ms); ` +
        `${before.length} scripts before hydration: ${kB(gz)} kB gzip-9, ${kB(before.reduce((n, s) => n + s.raw, 0))} kB raw; ${loadLine("load")}`,
    );
  }
  const last = results[results.length - 1];
  const before = last.scripts.filter((s) => s.before).sort((x, y) => y.gzip - x.gzip);
  const later = last.scripts.filter((s) => !s.before).sort((x, y) => y.gzip - x.gzip);
  console.log("\nScripts loaded before the composer was hydrated (largest first; last run):");
  printTable(
    ["#", "script", "gzip-9 kB", "raw kB", "transfer kB", "done at ms", "made of (raw kB; from source maps) / looks like"],
    before.map((s, i) => [i + 1, s.path, kB(s.gzip), kB(s.raw), kB(s.transfer), round(s.end), s.hints]),
  );
  console.log("\nLargest 5 (what to cut first):");
  for (const s of before.slice(0, 5)) console.log(`  ${kB(s.gzip).toString().padStart(7)} kB gzip  ${s.path}  [${s.hints || "?"}]`);
  if (later.length) {
    console.log("\nLoaded after the composer was hydrated (within 3 s; lazy chunks and workers):");
    printTable(
      ["script", "gzip-9 kB", "raw kB", "looks like"],
      later.map((s) => [s.path, kB(s.gzip), kB(s.raw), s.hints]),
    );
  }
  const gzip = median(results.map((r) => r.scripts.filter((s) => s.before).reduce((n, s) => n + s.gzip, 0)));
  const raw = median(results.map((r) => r.scripts.filter((s) => s.before).reduce((n, s) => n + s.raw, 0)));
  report(
    throttle > 1 ? `page-weight (cpu throttle ${throttle})` : "page-weight",
    [
      figure("JS before the composer is hydrated (gzip -9)", kB(gzip), "kB", 200),
      figure("JS before the composer is hydrated (raw = transfer)", kB(raw), "kB", null),
      figure("navigation → usable composer (on screen, takes text), cold", median(results.map((r) => r.timing.shown)), "ms", throttle > 1 ? 1500 : 500),
      figure("navigation → composer hydrated, cold", median(results.map((r) => r.timing.ready)), "ms", null),
      figure("first contentful paint, cold", median(results.map((r) => r.timing.fcp)), "ms", null),
    ],
    { runs, cpuThrottle: throttle, largest: before.slice(0, 5).map((s) => ({ path: s.path, gzipKB: kB(s.gzip), hints: s.hints })) },
  );
});
process.exit(0);
