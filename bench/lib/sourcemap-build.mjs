// Builds a source-mapped copy of the app for profiling, without touching the project's own build:
// copies the tracked files to a scratch directory (default /tmp/relaychat-prof), hard-links
// node_modules (Turbopack refuses a symlinked one), turns on productionBrowserSourceMaps, builds,
// and prints the BENCH_SERVER_JS to use:
//
//   node bench/lib/sourcemap-build.mjs [dir]
//   BENCH_SERVER_JS=<dir>/.next/standalone/fast-server.js node bench/stream-long.mjs --profile
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../lib.mjs";

const out = path.resolve(process.argv[2] ?? "/tmp/relaychat-prof");
if (out === ROOT || out.startsWith(`${ROOT}${path.sep}`)) throw new Error("choose a directory outside the project");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
for (const f of files) {
  if (!existsSync(path.join(ROOT, f))) continue;
  mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
  cpSync(path.join(ROOT, f), path.join(out, f));
}
const link = spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(out, "node_modules")], { stdio: "inherit" });
if (link.status !== 0) cpSync(path.join(ROOT, "node_modules"), path.join(out, "node_modules"), { recursive: true });
const config = path.join(out, "next.config.mjs");
const text = readFileSync(config, "utf8");
// The config is an object (`const nextConfig = {`) or a function of the phase returning one.
const withMaps = text.replace(/const nextConfig = \{|\n  return \{/, (m) => `${m}\n    productionBrowserSourceMaps: true,`);
if (!/productionBrowserSourceMaps/.test(text)) {
  if (withMaps === text) throw new Error("sourcemap-build: could not find where to turn on productionBrowserSourceMaps in next.config.mjs");
  writeFileSync(config, withMaps);
}
const build = spawnSync("npm", ["run", "build"], { cwd: out, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log(`\nBENCH_SERVER_JS=${path.join(out, ".next", "standalone", "fast-server.js")}`);
