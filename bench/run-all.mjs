// Runs every benchmark script in bench/ in turn (bench/*.mjs except the libraries and this file; the
// proxy benchmarks too when they exist), each in its own Node process, then prints one summary
// table. Builds first when there is no standalone build. Arguments are passed on to every script
// (e.g. `node bench/run-all.mjs --quick`). Reports; never fails on a missed target.
//
// A script's figures come from its `BENCH_RESULT {json}` line (see bench/lib.mjs); a script
// without one is listed with the last lines of its output.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { ensureBuild, loadLine, printTable, ROOT } from "./lib.mjs";

const dir = path.join(ROOT, "bench");
const skip = new Set(["lib.mjs", "proxy-lib.mjs", "run-all.mjs"]);
const order = ["page-weight.mjs", "long-conversation.mjs", "large-history.mjs", "persistence.mjs", "stream-long.mjs", "proxy-overhead.mjs", "concurrent-streams.mjs"];
const rank = (f) => (order.includes(f) ? order.indexOf(f) : order.length);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".mjs") && !skip.has(f))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const passOn = process.argv.slice(2).filter((a) => !a.startsWith("--only="));

ensureBuild();
console.log(`bench: ${scripts.join(", ")}${only ? ` (only ${only.join(", ")})` : ""}`);
console.log(loadLine("load at start"));

function run(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    let out = "";
    const child = spawn(process.execPath, [path.join(dir, file), ...passOn], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const onData = (d) => {
      out += d;
      process.stdout.write(d);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const stop = () => child.exitCode === null && process.kill(child.pid, "SIGTERM");
    process.once("SIGINT", stop);
    child.on("close", (code) => {
      process.off("SIGINT", stop);
      const results = out
        .split("\n")
        .filter((l) => l.startsWith("BENCH_RESULT "))
        .map((l) => {
          try {
            return JSON.parse(l.slice("BENCH_RESULT ".length));
          } catch {
            return null;
          }
        })
        .filter(Boolean);
      const tail = out.trimEnd().split("\n").filter((l) => !l.startsWith("BENCH_RESULT ")).slice(-12);
      resolve({ file, code, seconds: (Date.now() - started) / 1000, results, tail });
    });
  });
}

const done = [];
for (const file of scripts) {
  if (only && !only.some((o) => file.startsWith(o))) continue;
  console.log(`\n######## ${file}`);
  done.push(await run(file));
}

console.log("\n======== summary ========");
const rows = [];
for (const r of done) {
  if (!r.results.length) {
    rows.push([r.file, r.code === 0 ? "(no BENCH_RESULT line: see its output below)" : `exited ${r.code}`, "", "", ""]);
    continue;
  }
  for (const res of r.results) {
    for (const f of res.figures) {
      rows.push([
        res.bench ?? r.file,
        f.name,
        `${f.value}${f.unit ? ` ${f.unit}` : ""}`,
        f.target === null || f.target === undefined ? "" : `${f.better === "higher" ? "≥" : "≤"} ${f.target}${f.unit ? ` ${f.unit}` : ""}`,
        f.pass === null || f.pass === undefined ? "" : f.pass ? "ok" : "MISS",
      ]);
    }
    if (res.load) rows.push(["", `(load during it: ${res.load.join(" / ")} on ${res.cores ?? "?"} cores; ${Math.round(r.seconds)} s)`, "", "", ""]);
  }
}
printTable(["bench", "figure", "value", "target", ""], rows);
for (const r of done.filter((x) => !x.results.length)) {
  console.log(`\n-- ${r.file} (exit ${r.code}, ${Math.round(r.seconds)} s), last lines:`);
  for (const l of r.tail) console.log(`   ${l}`);
}
console.log(loadLine("load at end"));
process.exit(0);
