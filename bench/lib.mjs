// Shared helpers of the browser benchmarks (bench/*.mjs): start and stop the built standalone app
// and the mock upstream on 127.0.0.1, launch Debian's Chromium like playwright.config.ts does,
// medians, the machine's load, and one machine-readable result line per script.
//
// Result protocol (read by bench/run-all.mjs; any bench script may adopt it): the script prints
//   BENCH_RESULT {"bench":"name","figures":[{"name","value","unit","target","better":"lower"|"higher","pass"}],"load":[1,5,15]}
// on a line of its own. Scripts report; they do not assert, and exit 0 unless they could not run.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// BENCH_SERVER_JS points the benchmarks at another build, e.g. a source-mapped copy for --profile.
// The default is what `npm start` and Docker run: fast-server.js (the /api/openai fast path, then Next).
export const SERVER_JS = process.env.BENCH_SERVER_JS ? path.resolve(process.env.BENCH_SERVER_JS) : path.join(ROOT, ".next", "standalone", "fast-server.js");

/** The flags of playwright.config.ts: Debian's chromium, no sandbox, software rendering. */
export const CHROMIUM_ARGS = JSON.parse(readFileSync(path.join(ROOT, "e2e", "chromium-args.json"), "utf8"));

// ---------------------------------------------------------------- arguments

export function args() {
  const argv = process.argv.slice(2);
  const has = (name) => argv.includes(`--${name}`);
  const num = (name, fallback) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    const v = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  };
  const str = (name, fallback) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    return (argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1]) ?? fallback;
  };
  return { has, num, str, argv };
}

// ---------------------------------------------------------------- build

export function hasBuild() {
  return existsSync(SERVER_JS);
}

/** Runs `npm run build` when there is no standalone build yet. */
export function ensureBuild() {
  if (hasBuild()) return;
  console.log("No build in .next/standalone: running `npm run build` first…");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0 || !hasBuild()) {
    console.error("bench: the build failed");
    process.exit(1);
  }
}

// ---------------------------------------------------------------- servers

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Starts SERVER_JS (.next/standalone/fast-server.js) on 127.0.0.1 (like e2e/app-server.ts) and waits for /api/health. */
export async function startApp(env = {}) {
  if (!hasBuild()) throw new Error("No build: run `npm run build` first");
  const port = await freePort();
  const clean = {};
  for (const [k, v] of Object.entries({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env })) if (v !== undefined) clean[k] = v;
  clean.PORT = String(port);
  clean.HOSTNAME = "127.0.0.1";
  let log = "";
  const child = spawn(process.execPath, [SERVER_JS], { cwd: path.dirname(SERVER_JS), env: clean, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopPid(child);
      throw new Error(`app server did not answer /api/health within 30 s:\n${log}`);
    }
    await sleep(150);
  }
  return { url, port, pid: child.pid, output: () => log, stop: () => stopPid(child) };
}

/** SIGTERM to this child's PID (and SIGKILL after 5 s); never anything by name. */
export function stopPid(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      clearTimeout(kill);
      resolve();
    }
  });
}

/** The project's mock upstream (in this process) and the built app pointed at it. */
export async function startStack(env = {}) {
  const { startMockUpstream } = await import(pathToFileURL(path.join(ROOT, "e2e", "mock-upstream.mjs")).href);
  const mock = await startMockUpstream({});
  let app;
  try {
    app = await startApp({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", ...env });
  } catch (err) {
    await mock.close();
    throw err;
  }
  return {
    mock,
    app,
    url: app.url,
    stop: async () => {
      await app.stop();
      await mock.close();
    },
  };
}

// ---------------------------------------------------------------- browser

export async function launchBrowser() {
  const { chromium } = await import("playwright");
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Slows the page's main thread `rate` times with CDP Emulation.setCPUThrottlingRate (4 stands for a
 * mid-range phone). Called before the page navigates, so the cold load is throttled too; the
 * setting stays with the page across navigations. Returns the CDP session (reusable by the caller).
 */
export async function throttleCpu(context, page, rate, cdp = null) {
  const session = cdp ?? (await context.newCDPSession(page));
  if (rate > 1) await session.send("Emulation.setCPUThrottlingRate", { rate });
  return session;
}

/** `--cpu-throttle N` (also `--cpu-throttle=N`); 1 means none. */
export function cpuThrottleArg(a) {
  const rate = a.num("cpu-throttle", 1);
  if (!(rate >= 1)) throw new Error("--cpu-throttle takes a rate of 1 or more (4 stands for a mid-range phone)");
  return rate;
}

export function throttleLabel(rate) {
  return rate > 1 ? `CPU throttled ${rate}× (CDP Emulation.setCPUThrottlingRate)` : "CPU not throttled";
}

/** Waits until the composer is visible, enabled and hydrated by React (so typing reaches the app). */
export async function waitComposer(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="composer-input"]');
      if (!el || el.disabled) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    null,
    { timeout, polling: 50 },
  );
}

/**
 * Writes conversations straight into the app's IndexedDB ("relaychat" version 3: "conversations"
 * metadata, one "messages" record each with its parent, "ledger" lines apart, "kv" key
 * "currentId"), from a same-origin page that is not
 * the app, so the app cannot race the writes. Returns a fresh browser context and page with the
 * conversations in place, before the app's page is opened in it.
 */
export async function seededPage(browser, appUrl, conversations, currentId) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${appUrl}/api/health`);
  await page.evaluate(
    async ({ conversations, currentId }) => {
      // The app's layout (lib/client/storage.ts, version 3): metadata with the message order apart,
      // one record per message. Seeding it directly keeps one-time migrations out of the figures.
      const req = indexedDB.open("relaychat", 3);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains("conversations")) db.createObjectStore("conversations", { keyPath: "id" });
        if (!db.objectStoreNames.contains("kv")) db.createObjectStore("kv");
        if (!db.objectStoreNames.contains("messages")) db.createObjectStore("messages", { keyPath: ["convId", "id"] });
        if (!db.objectStoreNames.contains("ledger")) db.createObjectStore("ledger", { keyPath: "id" }).createIndex("convId", "convId");
        for (const name of ["prompts", "images"]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: "id" });
      };
      const db = await new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(["conversations", "messages", "ledger", "kv"], "readwrite");
      for (const { messages, ledger = [], ...meta } of conversations) {
        tx.objectStore("conversations").put({ ...meta, messageIds: messages.map((m) => m.id), leafId: messages.at(-1)?.id ?? null });
        messages.forEach((message, i) => {
          const parentId = i === 0 ? null : messages[i - 1].id;
          tx.objectStore("messages").put({ convId: meta.id, id: message.id, message: { ...message, parentId } });
        });
        for (const line of ledger) tx.objectStore("ledger").put({ ...line, convId: meta.id });
      }
      tx.objectStore("kv").put(currentId, "currentId");
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { conversations, currentId },
  );
  return { context, page };
}

/**
 * Seeds through the app itself, independent of the IndexedDB layout: opens Settings → Data, picks
 * `filePath` (a relaychat export file) in the import input and waits for the import's result,
 * then waits until the browser reports the data written (storage usage grown by at least
 * `minBytes`, then steady for two seconds: the save runs in the background after the import).
 * Returns the import's and the save's time in ms. The page must show the app with its composer.
 */
export async function importThroughApp(page, filePath, { minBytes = 0, timeout = 600_000 } = {}) {
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const before = await usage();
  const t0 = Date.now();
  await page.getByTestId("settings-button").click();
  await page.getByTestId("import-file-input").setInputFiles(filePath);
  // The import is previewed first and applied on confirm.
  await page.getByTestId("import-confirm").click({ timeout });
  const result = page.getByTestId("import-result");
  await result.waitFor({ timeout });
  if ((await result.getAttribute("data-ok")) !== "true") throw new Error(`import refused: ${await result.innerText()}`);
  const imported = Date.now() - t0;
  await page.getByTestId("settings-close").click();
  let last = -1;
  let steadySince = Date.now();
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await sleep(500)) {
    const now = await usage();
    if (now !== last) (last = now), (steadySince = Date.now());
    else if (now - before >= minBytes && Date.now() - steadySince >= 2000) return { importMs: imported, savedMs: steadySince - t0, usage: now };
  }
  throw new Error(`the imported data was not written within ${timeout} ms (usage ${last} bytes)`);
}

/** Exports through Settings → Data and returns the parsed file (the context must accept downloads). */
export async function exportThroughApp(page) {
  await page.getByTestId("settings-button").click();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByTestId("export-button").click()]);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  await page.getByTestId("settings-close").click();
  return file;
}

// ---------------------------------------------------------------- content
// Generated test content lives in bench/lib/content.mjs; re-exported for the scripts.
export * from "./lib/content.mjs";

// ---------------------------------------------------------------- statistics and output

export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function percentile(xs, p) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const i = Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1));
  return v[i];
}

export function round(x, digits = 1) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

export function loadavg() {
  return os.loadavg().map((x) => round(x, 2));
}

export function loadLine(label = "machine load") {
  const [a, b, c] = loadavg();
  return `${label}: loadavg ${a} / ${b} / ${c} (1/5/15 min) on ${os.cpus().length} cores`;
}

export function kB(bytes) {
  return round(bytes / 1024, 1);
}

/** A figure against its target: better "lower" means value ≤ target passes. */
export function figure(name, value, unit, target, better = "lower") {
  const pass = Number.isFinite(value) && target !== undefined && target !== null ? (better === "lower" ? value <= target : value >= target) : null;
  return { name, value: Number.isFinite(value) ? (Math.abs(value) < 1 && value !== 0 ? Number(value.toPrecision(3)) : round(value, 2)) : value, unit, target, better, pass };
}

/** Prints the figures as a table, the load, and the BENCH_RESULT line for run-all. */
export function report(bench, figures, extra = {}) {
  console.log("");
  console.log(`== ${bench}: figures (median of runs) ==`);
  const rows = figures.map((f) => [
    f.name,
    `${f.value}${f.unit ? ` ${f.unit}` : ""}`,
    f.target === undefined || f.target === null ? "" : `${f.better === "higher" ? "≥" : "≤"} ${f.target}${f.unit ? ` ${f.unit}` : ""}`,
    f.pass === null || f.pass === undefined ? "" : f.pass ? "ok" : "MISS",
  ]);
  printTable(["figure", "value", "target", ""], rows);
  console.log(loadLine());
  console.log(`BENCH_RESULT ${JSON.stringify({ bench, figures, load: loadavg(), cores: os.cpus().length, ...extra })}`);
}

export function printTable(head, rows) {
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => String(c ?? "").padEnd(w[i])).join("  ").trimEnd();
  console.log(line(head));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** Runs `main` with a stack and a browser, always stopping both (by PID) at the end. */
export async function withStack(main, env = {}) {
  ensureBuild();
  const stack = await startStack(env);
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stack.stop().catch(() => undefined);
  };
  const onSignal = () => cleanup().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    browser = await launchBrowser();
    return await main({ stack, browser });
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
