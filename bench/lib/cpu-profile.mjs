// CPU profile of the page's main thread through CDP (Profiler domain), summarised by self time:
// top functions, and totals per package or source file. Positions are resolved through source maps
// when the build has them (a build with productionBrowserSourceMaps; see bench/README.md), else the
// minified function names and chunk URLs are shown.

export async function startProfile(cdp, intervalUs = 1000) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: intervalUs });
  await cdp.send("Profiler.start");
}

export async function stopProfile(cdp) {
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.send("Profiler.disable");
  return profile;
}

async function loadMaps(urls) {
  let SourceMapConsumer;
  try {
    ({ SourceMapConsumer } = await import("source-map-js"));
  } catch {
    return new Map();
  }
  const maps = new Map();
  for (const url of urls) {
    if (!/^https?:/.test(url)) continue;
    try {
      const js = await (await fetch(url)).text();
      const ref = /\/\/[#@] sourceMappingURL=(\S+)\s*$/m.exec(js.slice(-500))?.[1];
      const mapUrl = ref ? new URL(ref, url).href : `${url}.map`;
      const res = await fetch(mapUrl);
      if (!res.ok) continue;
      const raw = await res.json();
      // Turbopack writes index maps ("sections"); source-map-js reads both kinds.
      maps.set(url, new SourceMapConsumer(raw));
    } catch {
      /* no map for this script */
    }
  }
  return maps;
}

function cleanSource(source) {
  return String(source)
    .replace(/^turbopack:\/\/\/?/, "")
    .replace(/^\[project\]\//, "")
    .replace(/^webpack:\/\/[^/]*\//, "")
    .replace(/^\.\//, "");
}

function packageOf(source) {
  // Next ships react-dom and the scheduler precompiled inside its own package: name them.
  const compiled = /node_modules\/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (compiled) return `${compiled[1]} (next/dist/compiled)`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return m ? m[1] : source;
}

/**
 * Self time per function and per package/file. Returns { totalMs, rows, packages, mapped }.
 * `(program)`, `(idle)` and `(garbage collector)` are kept as their own rows.
 */
export async function summariseProfile(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  const urls = new Set(profile.nodes.map((n) => n.callFrame.url).filter(Boolean));
  const maps = await loadMaps(urls);
  const fns = new Map();
  const packages = new Map();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id);
    totalMs += ms;
    const { functionName, url, lineNumber, columnNumber } = callFrame;
    let where = url ? `${url.replace(/^.*\/_next\//, "_next/")}:${lineNumber + 1}:${columnNumber + 1}` : "";
    let name = functionName || (url ? "(anonymous)" : "(native)");
    let pkg = url ? url.replace(/^.*\/_next\//, "_next/") : name.startsWith("(") ? name : "(native)";
    const map = maps.get(url);
    if (map) {
      // A function's start often has no mapping of its own: the nearest one before it belongs to
      // the previous module, so prefer the first mapping at or after it.
      let pos = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber, bias: 2 /* LEAST_UPPER_BOUND */ });
      const before = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
      if (!pos?.source) pos = before;
      if (pos?.source) {
        const source = cleanSource(pos.source);
        where = `${source}:${pos.line}`;
        // The original name sits on the mapping at the function's start, when that one is in the same file.
        const original = before?.source === pos.source ? before.name : null;
        if (original && (!functionName || functionName.length <= 2)) name = `${original}${functionName ? ` [${functionName}]` : ""}`;
        pkg = packageOf(source);
      }
    }
    const key = `${name} @ ${where}`;
    const gen = url ? `${url.replace(/^.*\/chunks\//, "")}:${lineNumber + 1}:${columnNumber + 1}` : "";
    const f = fns.get(key) ?? { name, where, gen: map ? gen : "", ms: 0 };
    f.ms += ms;
    fns.set(key, f);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const rows = [...fns.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  const pk = [...packages.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, 15);
  return { totalMs, rows, packages: pk, mapped: maps.size > 0 };
}

export function printProfile(summary, title = "CPU profile (main thread, self time)") {
  const pct = (ms) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
  console.log("");
  console.log(`${title}: ${(summary.totalMs / 1000).toFixed(2)} s sampled${summary.mapped ? ", source-mapped" : " (no source maps: minified names)"}`);
  console.log("  by package / file:");
  for (const p of summary.packages) console.log(`    ${p.ms.toFixed(0).padStart(7)} ms  ${pct(p.ms).padStart(6)}  ${p.name}`);
  console.log("  top functions:");
  for (const r of summary.rows) console.log(`    ${r.ms.toFixed(0).padStart(7)} ms  ${pct(r.ms).padStart(6)}  ${r.name}  ${r.where}${r.gen ? `  (${r.gen})` : ""}`);
}

/**
 * Self time per trace event name on the page's renderer main thread (CrRendererMain), from a
 * Chromium trace (browser.startTracing / stopTracing). Nested complete events are subtracted from
 * their parent, so "Layout" is layout alone and "FunctionCall" is script outside any child event.
 */
export function summariseTrace(buffer, top = 20) {
  const { traceEvents } = JSON.parse(buffer.toString("utf8"));
  const names = traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // The busiest renderer main thread is the page's.
  const busy = new Map();
  for (const e of traceEvents) if (e.ph === "X" && e.dur) for (const n of names) if (e.pid === n.pid && e.tid === n.tid) busy.set(`${n.pid}:${n.tid}`, (busy.get(`${n.pid}:${n.tid}`) ?? 0) + e.dur);
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return null;
  const events = traceEvents
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && typeof e.dur === "number")
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const count = new Map();
  const stack = [];
  let first = Infinity;
  let last = 0;
  for (const e of events) {
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + e.dur);
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - Math.min(e.dur, parent.end - e.ts));
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
    stack.push({ name: e.name, end: e.ts + e.dur });
  }
  const spanMs = (last - first) / 1000;
  const rows = [...self.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000, count: count.get(name) }))
    .filter((r) => r.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  return { spanMs, rows };
}

export function printTrace(summary, title) {
  if (!summary) return console.log(`${title}: no renderer main thread in the trace`);
  console.log("");
  console.log(`${title}: ${(summary.spanMs / 1000).toFixed(2)} s traced (self time on the renderer main thread, share of the traced span)`);
  for (const r of summary.rows) console.log(`    ${r.ms.toFixed(0).padStart(7)} ms  ${((100 * r.ms) / summary.spanMs).toFixed(1).padStart(5)}%  ${String(r.count).padStart(6)}×  ${r.name}`);
}

/**
 * What a script is made of, from its source map: generated bytes per package (node_modules) or
 * app file, largest first. null without a source map (or without source-map-js).
 */
export async function composition(url, code) {
  let SourceMapConsumer;
  try {
    ({ SourceMapConsumer } = await import("source-map-js"));
  } catch {
    return null;
  }
  const ref = /\/\/[#@] sourceMappingURL=(\S+)\s*$/m.exec(code.slice(-500))?.[1];
  if (!ref) return null;
  let raw;
  try {
    const res = await fetch(new URL(ref, url).href);
    if (!res.ok) return null;
    raw = await res.json();
  } catch {
    return null;
  }
  const map = new SourceMapConsumer(raw);
  const lines = code.split("\n");
  const bytes = new Map();
  let prev = null;
  const close = (line, column) => {
    if (!prev) return;
    const end = prev.line === line ? column : lines[prev.line - 1]?.length ?? prev.column;
    const key = prev.source ? packageOf(cleanSource(prev.source)) : "(unmapped)";
    bytes.set(key, (bytes.get(key) ?? 0) + Math.max(0, end - prev.column));
  };
  map.eachMapping((m) => {
    close(m.generatedLine, m.generatedColumn);
    prev = { line: m.generatedLine, column: m.generatedColumn, source: m.source };
  }, null, 1 /* GENERATED_ORDER */);
  close(Infinity, 0);
  return [...bytes.entries()].map(([name, n]) => ({ name, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}
