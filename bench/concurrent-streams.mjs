// Figure 5: many concurrent streams through one server process.
//
//   npm run bench:concurrent   (node bench/concurrent-streams.mjs [--mode fast|next|both] [--levels 100,500,1000] [--runs 3,3,3])
//
// For each level N: N streams at once, each 200 chunks × 20 ms (mock:slow, e2e/mock-upstream.mjs in
// its own process: with the mock in the client's process the direct run is bound by that one
// event loop, and the ratio would understate the server's cost), straight to the mock and through /api/openai/v1/chat/completions of the built standalone server (a fresh process per
// mode and level, so its peak RSS belongs to that level). The server's keep-alive pool is warmed at
// full concurrency first, and each burst starts once the server and the mock are idle again.
// Per run: did every stream complete (200, ends with [DONE], no error event)?, the wall time until
// the last one ended, through the server ÷ straight to the mock (runs alternate which goes first),
// and the server's peak RSS (VmHWM from /proc/<pid>/status; VmRSS sampled too). The figure is the
// median of the runs. Targets at 1,000 streams: all complete, ≤ 1.15 × the direct time, ≤ 250 MB.
// Reports; asserts nothing.
import http from "node:http";
import { chatTarget, childPids, completed, cpuSeconds, ensureBuild, fmt, loadLine, median, memoryMb, MODES, modesFromArgs, option, printResult, sleep, startMock, startServer, streamRequest } from "./proxy-lib.mjs";

const LEVELS = option("levels", "100,500,1000").split(",").map(Number);
const RUNS = option("runs", "3,3,3").split(",").map(Number);
const runsFor = (i) => RUNS[Math.min(i, RUNS.length - 1)];
const DIRECTIVE = "slow"; // 200 chunks, 20 ms apart

/** N streams at once; resolves with { ok, total, wallMs, cpu: { client, mock, server } (CPU seconds) }. */
async function burst(target, n, pids = {}) {
  // One socket per stream, as N browsers would have; closed afterwards.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const cpu0 = { client: process.cpuUsage(), mock: cpuSeconds(pids.mock), server: cpuSeconds(pids.server) };
  const start = performance.now();
  const results = await Promise.all(Array.from({ length: n }, () => streamRequest(agent, target)));
  const wallMs = performance.now() - start;
  const client = process.cpuUsage(cpu0.client);
  const cpu = { client: (client.user + client.system) / 1e6, mock: cpuSeconds(pids.mock) - cpu0.mock, server: cpuSeconds(pids.server) - cpu0.server };
  agent.destroy();
  const ok = results.filter(completed).length;
  const failures = results.filter((r) => !completed(r)).slice(0, 3).map((r) => `${r.status} ${r.error ?? r.tail.slice(-40)}`);
  return { ok, total: n, wallMs, cpu, failures };
}

/** Waits (up to 5 s) until these processes use under 3% of a CPU over 200 ms. */
async function settle(pids) {
  const deadline = Date.now() + 5000;
  await sleep(200);
  while (Date.now() < deadline) {
    const before = pids.map(cpuSeconds);
    await sleep(200);
    const busy = pids.some((pid, i) => cpuSeconds(pid) - before[i] > 0.006);
    if (!busy) return;
  }
}

async function level(mode, mock, n, runs) {
  const app = await startServer(mode, mock.url);
  const direct = chatTarget("direct", mock.url, DIRECTIVE);
  const proxied = chatTarget("proxied", app.url, DIRECTIVE);
  const rows = [];
  let sampledPeak = 0;
  try {
    // Warm up at full concurrency with short streams: the code paths, and the server's keep-alive
    // pool to the upstream (it keeps N connections for 30 s, as it would under steady load).
    await burst(chatTarget("proxied", app.url, "slow-5"), n);
    await burst(chatTarget("direct", mock.url, "slow-5"), n);
    await settle([app.pid, mock.pid]);
    const baseline = memoryMb(app.pid).rss;
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ["direct", "proxied"] : ["proxied", "direct"];
      const row = {};
      for (const kind of order) {
        let sampling = kind === "proxied";
        const sampler = (async () => {
          while (sampling) {
            sampledPeak = Math.max(sampledPeak, memoryMb(app.pid).rss);
            await sleep(50);
          }
        })();
        row[kind] = await burst(kind === "direct" ? direct : proxied, n, { mock: mock.pid, server: app.pid });
        sampling = false;
        await sampler;
        await settle([app.pid, mock.pid]); // sockets closed, garbage collected: the next burst starts even

      }
      rows.push(row);
    }
    const { hwm } = memoryMb(app.pid);
    const children = childPids(app.pid);
    return { rows, baseline, peak: Math.max(hwm, sampledPeak), children };
  } finally {
    await app.stop();
  }
}

async function main() {
  ensureBuild();
  console.log(`Figure 5: concurrent streams (mock:${DIRECTIVE}: 200 chunks × 20 ms each) through one server process vs straight to the mock`);
  console.log(`Runs per level: ${LEVELS.map((n, i) => `${n}: ${runsFor(i)}`).join(", ")}; client, mock upstream and server each in their own process`);
  console.log(`Machine: ${loadLine()}`);
  const figures = [];
  const mock = await startMock();
  try {
    for (const mode of modesFromArgs()) {
      console.log(`\n${MODES[mode].label}`);
      console.log("  streams  complete         direct s  proxied s  ratio  peak RSS MB (idle)  runs (ratio)");
      for (let li = 0; li < LEVELS.length; li++) {
        const n = LEVELS[li];
        const { rows, baseline, peak, children } = await level(mode, mock, n, runsFor(li));
        const okRuns = rows.map((r) => `${r.proxied.ok}/${n}`);
        const allOk = rows.every((r) => r.proxied.ok === n && r.direct.ok === n);
        const ratios = rows.map((r) => r.proxied.wallMs / r.direct.wallMs);
        const ratio = median(ratios);
        const directS = median(rows.map((r) => r.direct.wallMs)) / 1000;
        const proxiedS = median(rows.map((r) => r.proxied.wallMs)) / 1000;
        console.log(
          `  ${String(n).padStart(7)}  ${(allOk ? "all" : okRuns.join(",")).padEnd(15)}  ${fmt(directS).padStart(8)}  ${fmt(proxiedS).padStart(9)}  ${fmt(ratio).padStart(5)}  ${fmt(peak, 0).padStart(11)} (${fmt(baseline, 0)})  ${ratios.map((r) => fmt(r)).join(", ")}`,
        );
        const cpu = (kind, who) => fmt(median(rows.map((r) => r[kind].cpu[who])), 1);
        console.log(`           CPU s (median run): direct: client ${cpu("direct", "client")}, mock ${cpu("direct", "mock")}; proxied: client ${cpu("proxied", "client")}, mock ${cpu("proxied", "mock")}, server ${cpu("proxied", "server")}`);
        for (const r of rows) for (const kind of ["direct", "proxied"]) if (r[kind].failures.length) console.log(`           ${kind} failures: ${r[kind].failures.join(" | ")}`);
        if (children.length) console.log(`           note: the server has child processes ${children.join(", ")} (not counted)`);
        const targets = n === 1000;
        figures.push(
          { name: `${mode}: ${n} streams all complete`, value: allOk ? 1 : 0, unit: "bool", ...(targets ? { target: 1, better: "higher", pass: allOk } : {}) },
          { name: `${mode}: ${n} streams time ratio`, value: Number(fmt(ratio, 3)), unit: "x", better: "lower", ...(targets ? { target: 1.15, pass: ratio <= 1.15 } : {}) },
          { name: `${mode}: ${n} streams peak RSS`, value: Math.round(peak), unit: "MB", better: "lower", ...(targets ? { target: 250, pass: peak <= 250 } : {}) },
        );
        if (targets) {
          console.log(
            `           1,000-stream targets: all complete ${allOk ? "met" : "NOT met"}; ratio ${fmt(ratio)} ≤ 1.15 ${ratio <= 1.15 ? "met" : "NOT met"}; peak RSS ${fmt(peak, 0)} MB ≤ 250 ${peak <= 250 ? "met" : "NOT met"}`,
          );
        }
      }
    }
  } finally {
    await mock.stop();
  }
  console.log(`\nMachine after: ${loadLine()}`);
  printResult("concurrent-streams", figures);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
