// Statistics, the machine's load, and the result lines every bench script prints (protocol in ../lib.mjs).
import os from "node:os";

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

