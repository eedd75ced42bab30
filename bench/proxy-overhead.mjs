// Figure 4: what the proxy adds to time-to-first-byte and to each chunk's latency.
//
//   npm run bench:proxy        (node bench/proxy-overhead.mjs [--mode fast|next|both] [--runs 3] [--requests 200])
//
// The mock upstream (e2e/mock-upstream.mjs, scenario `stamped-5`: 5 content chunks 5 ms apart, each
// stamped with its send time) runs in its own process; the built standalone server runs in one
// process per mode. Each run makes 200 sequential streaming requests straight to the mock and 200
// through /api/openai/v1/chat/completions, interleaved in pairs (order alternating), over
// keep-alive connections. Per pair: proxied TTFB − direct TTFB. Per chunk (after the first): the
// time from the mock's write to the client's read, proxied vs direct. The figure is the median of
// the runs. Targets: ≤ 1 ms p50 and ≤ 5 ms p95 added to TTFB. Reports; asserts nothing.
import http from "node:http";
import { chatTarget, ensureBuild, fmt, loadLine, median, MODES, modesFromArgs, option, percentile, printResult, startMock, startServer, streamRequest } from "./proxy-lib.mjs";

const RUNS = Number(option("runs", 3));
const REQUESTS = Number(option("requests", 200));
const WARMUP = 60;
const DIRECTIVE = "stamped-5";

function stampCollector() {
  const latencies = [];
  let pending = "";
  let first = true;
  return {
    latencies,
    onData(chunk, now) {
      const at = performance.timeOrigin + now;
      pending += chunk.toString("latin1");
      const re = /: t=(\d+(?:\.\d+)?)\r?\n/g;
      let m;
      let consumed = 0;
      while ((m = re.exec(pending))) {
        if (!first) latencies.push(at - Number(m[1]));
        first = false;
        consumed = re.lastIndex;
      }
      pending = pending.slice(consumed).slice(-64);
    },
  };
}

async function one(agent, target) {
  const stamps = stampCollector();
  const r = await streamRequest(agent, target, stamps.onData);
  if (r.status !== 200) throw new Error(`status ${r.status} ${r.error ?? ""} from ${target.path}`);
  return { ttfb: r.ttfb, chunks: stamps.latencies };
}

async function run(app, mock) {
  const direct = chatTarget("direct", mock.url, DIRECTIVE);
  const proxied = chatTarget("proxied", app.url, DIRECTIVE);
  const agents = { direct: new http.Agent({ keepAlive: true, maxSockets: 1 }), proxied: new http.Agent({ keepAlive: true, maxSockets: 1 }) };
  for (let i = 0; i < WARMUP; i++) {
    await one(agents.direct, direct);
    await one(agents.proxied, proxied);
  }
  const diffs = [];
  const ttfb = { direct: [], proxied: [] };
  const chunks = { direct: [], proxied: [] };
  for (let i = 0; i < REQUESTS; i++) {
    const order = i % 2 === 0 ? ["direct", "proxied"] : ["proxied", "direct"];
    const pair = {};
    for (const kind of order) pair[kind] = await one(agents[kind], kind === "direct" ? direct : proxied);
    diffs.push(pair.proxied.ttfb - pair.direct.ttfb);
    for (const kind of ["direct", "proxied"]) {
      ttfb[kind].push(pair[kind].ttfb);
      chunks[kind].push(...pair[kind].chunks);
    }
  }
  agents.direct.destroy();
  agents.proxied.destroy();
  return {
    ttfbDiffP50: percentile(diffs, 50),
    ttfbDiffP95: percentile(diffs, 95),
    directTtfbP50: percentile(ttfb.direct, 50),
    proxiedTtfbP50: percentile(ttfb.proxied, 50),
    directTtfbP95: percentile(ttfb.direct, 95),
    proxiedTtfbP95: percentile(ttfb.proxied, 95),
    chunkAddedP50: percentile(chunks.proxied, 50) - percentile(chunks.direct, 50),
    chunkAddedP95: percentile(chunks.proxied, 95) - percentile(chunks.direct, 95),
    directChunkP50: percentile(chunks.direct, 50),
  };
}

async function main() {
  ensureBuild();
  console.log(`Figure 4: proxy overhead, ${REQUESTS} sequential streaming requests per run (mock:${DIRECTIVE}), median of ${RUNS} runs`);
  console.log(`Machine: ${loadLine()}`);
  const figures = [];
  const mock = await startMock();
  try {
    for (const mode of modesFromArgs()) {
      const app = await startServer(mode, mock.url);
      const runs = [];
      try {
        for (let i = 0; i < RUNS; i++) runs.push(await run(app, mock));
      } finally {
        await app.stop();
      }
      const med = (key) => median(runs.map((r) => r[key]));
      const p50 = med("ttfbDiffP50");
      const p95 = med("ttfbDiffP95");
      console.log(`\n${MODES[mode].label}`);
      console.log(`  TTFB added (paired, proxied − direct):  p50 ${fmt(p50)} ms  [target ≤ 1]  ${p50 <= 1 ? "met" : "NOT met"}`);
      console.log(`                                          p95 ${fmt(p95)} ms  [target ≤ 5]  ${p95 <= 5 ? "met" : "NOT met"}`);
      console.log(`  TTFB direct p50 ${fmt(med("directTtfbP50"))} ms, proxied p50 ${fmt(med("proxiedTtfbP50"))} ms; direct p95 ${fmt(med("directTtfbP95"))} ms, proxied p95 ${fmt(med("proxiedTtfbP95"))} ms`);
      console.log(`  per-chunk latency added: p50 ${fmt(med("chunkAddedP50"))} ms, p95 ${fmt(med("chunkAddedP95"))} ms (direct chunk latency p50 ${fmt(med("directChunkP50"))} ms)`);
      console.log(`  runs (TTFB added p50/p95 ms): ${runs.map((r) => `${fmt(r.ttfbDiffP50)}/${fmt(r.ttfbDiffP95)}`).join(", ")}`);
      figures.push(
        { name: `${mode}: TTFB added p50`, value: Number(fmt(p50, 3)), unit: "ms", target: 1, better: "lower", pass: p50 <= 1 },
        { name: `${mode}: TTFB added p95`, value: Number(fmt(p95, 3)), unit: "ms", target: 5, better: "lower", pass: p95 <= 5 },
        { name: `${mode}: chunk latency added p50`, value: Number(fmt(med("chunkAddedP50"), 3)), unit: "ms", better: "lower" },
        { name: `${mode}: chunk latency added p95`, value: Number(fmt(med("chunkAddedP95"), 3)), unit: "ms", better: "lower" },
      );
    }
  } finally {
    await mock.stop();
  }
  console.log(`\nMachine after: ${loadLine()}`);
  printResult("proxy-overhead", figures);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
