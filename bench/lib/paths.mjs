// Where the benchmarks find the project and the build they run.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// BENCH_SERVER_JS points the benchmarks at another build, e.g. a source-mapped copy for --profile.
// The default is what `npm start` and Docker run: fast-server.js (the /api/openai fast path, then Next).
export const SERVER_JS = process.env.BENCH_SERVER_JS ? path.resolve(process.env.BENCH_SERVER_JS) : path.join(ROOT, ".next", "standalone", "fast-server.js");

export function hasBuild() {
  return existsSync(SERVER_JS);
}

