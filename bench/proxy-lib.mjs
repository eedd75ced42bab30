// Shared helpers of the proxy benchmarks (bench/proxy-overhead.mjs, bench/concurrent-streams.mjs):
// the mock upstream and the built standalone server as child processes on 127.0.0.1, a raw
// node:http streaming client, the server's memory from /proc, medians and percentiles.
// Everything started here is stopped by its own PID.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, stopPid } from "./lib.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STANDALONE = path.join(ROOT, ".next", "standalone");
/** The two ways to serve /api/openai/*: what `npm start` runs, and Next's own server with the route handler. */
export const MODES = {
  fast: { label: "fast path (fast-server.js)", entry: path.join(STANDALONE, "fast-server.js") },
  next: { label: "Next route handler (server.js)", entry: path.join(STANDALONE, "server.js") },
  // Only with --mode bare: the harness's floor on this machine (see bench/lib/bare-proxy.mjs).
  bare: { label: "bare node:http pipe (reference, not the product)", entry: path.join(ROOT, "bench", "lib", "bare-proxy.mjs") },
};
export const CODE = "bench-code";
const KEY = "sk-bench";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function option(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const v = argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
  return v ?? fallback;
}

/** --mode fast|next|bare|both, or a list such as fast,bare (default both = fast,next). */
export function modesFromArgs() {
  const m = option("mode", "both");
  return m === "both" ? ["fast", "next"] : m.split(",");
}

export function ensureBuild() {
  if (Object.values(MODES).every((m) => existsSync(m.entry))) return;
  console.log("No standalone build with fast-server.js yet: running `npm run build` first...");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

export { freePort };

/** SIGTERM to this child's PID (SIGKILL after 5 s); never anything by name. */
export const stopChild = stopPid;

async function waitFor(url, child, log) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited early:\n${log()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${url} did not answer within 30 s:\n${log()}`);
    }
    await sleep(100);
  }
}

/** The project's mock upstream (e2e/mock-upstream.mjs) in its own process. */
export async function startMock() {
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, [path.join(ROOT, "e2e", "mock-upstream.mjs"), "--port", String(port), "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/v1/models`, child, () => log);
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/** The built standalone server in `mode`, pointed at the mock, with an access code set. */
export async function startServer(mode, mockUrl, env = {}) {
  const { entry } = MODES[mode];
  const port = await freePort();
  const clean = {};
  const all = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BASE_URL: mockUrl, OPENAI_API_KEY: KEY, CODE, ...env, PORT: String(port), HOSTNAME: "127.0.0.1" };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) clean[k] = v;
  let log = "";
  const child = spawn(process.execPath, [entry], { cwd: path.dirname(entry), env: clean, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, () => log);
  return { url, pid: child.pid, output: () => log, stop: () => stopChild(child) };
}

/** Resident memory of a process from /proc/<pid>/status, in MB: now (VmRSS) and its peak (VmHWM). */
export function memoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** Child processes of `pid` (a server that forks workers would hide memory there). */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The request of a streamed chat completion, straight to the mock or through the app. */
export function chatTarget(kind, base, directive) {
  const body = JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: `mock:${directive} bench` }] });
  const url = new URL(kind === "direct" ? `${base}/v1/chat/completions` : `${base}/api/openai/v1/chat/completions`);
  const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
  if (kind === "direct") headers.authorization = `Bearer ${KEY}`;
  else headers["x-access-code"] = CODE;
  return { host: url.hostname, port: Number(url.port), path: url.pathname, headers, body };
}

/**
 * One streamed request with a raw node:http client: calls onData(chunk, now) for each read and
 * resolves with { status, ttfb, end, bytes, tail } (times in ms from the start, performance.now()).
 * Without onData the per-chunk work is a byte count, so the client stays light at 1,000 streams.
 */
export function streamRequest(agent, target, onData) {
  return new Promise((resolve) => {
    const start = performance.now();
    let ttfb = NaN;
    let bytes = 0;
    let last;
    let previous;
    const tail = () => Buffer.concat([previous, last].filter(Boolean)).toString("latin1").slice(-64);
    const req = http.request({ agent, host: target.host, port: target.port, path: target.path, method: "POST", headers: target.headers }, (res) => {
      res.on("data", (chunk) => {
        if (bytes === 0) ttfb = performance.now() - start;
        bytes += chunk.length;
        previous = last;
        last = chunk;
        if (onData) onData(chunk, performance.now());
      });
      res.on("end", () => resolve({ status: res.statusCode, ttfb, end: performance.now() - start, bytes, tail: tail() }));
      res.on("error", (err) => resolve({ status: res.statusCode, ttfb, end: NaN, bytes, tail: tail(), error: err.message }));
    });
    req.on("error", (err) => resolve({ status: 0, ttfb, end: NaN, bytes, tail: tail(), error: err.message }));
    req.end(target.body);
  });
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** A complete, error-free stream: 200, ends with [DONE], no error event at the end. */
export function completed(r) {
  return r.status === 200 && !r.error && /data: \[DONE\]\s*$/.test(r.tail) && !r.tail.includes('"error"');
}

export function median(values) {
  return percentile(values, 50);
}

export function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const i = (p / 100) * (v.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return v[lo] + (v[hi] - v[lo]) * (i - lo);
}

export function loadLine() {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")} (1 / 5 / 15 min), ${os.cpus().length} CPUs, node ${process.version}`;
}

export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** The machine-readable line of bench/lib.mjs's protocol (read by bench/run-all.mjs). */
export function printResult(bench, figures) {
  console.log(`BENCH_RESULT ${JSON.stringify({ bench, figures, load: os.loadavg().map((l) => Number(l.toFixed(2))) })}`);
}
