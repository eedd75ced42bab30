// Compiles server/fast-server.ts (and the lib/server modules it uses, with zod and undici) into one
// plain-JS file beside Next's standalone server.js, so `node .next/standalone/fast-server.js` runs
// with nothing but the standalone folder (Docker copies only that). `next` and `ioredis` stay
// external: the standalone folder has them in its node_modules (ioredis is traced there because
// proxy.ts uses it; next.config.mjs lists it in serverExternalPackages), and one copy of the Redis
// client then serves both the fast path and Next's handlers in the same process.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error("build-server: .next/standalone/server.js is missing; did `next build` run?");
  process.exit(1);
}
const external = ["next", "ioredis"];
for (const name of external) {
  if (!existsSync(path.join(standalone, "node_modules", name, "package.json"))) {
    console.error(`build-server: .next/standalone/node_modules/${name} is missing; fast-server.js could not load it`);
    process.exit(1);
  }
}
const outfile = path.join(standalone, "fast-server.js");
await build({
  entryPoints: [path.join(root, "server", "fast-server.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  tsconfig: path.join(root, "tsconfig.json"),
  external,
  // `server-only` throws outside Next's react-server build; here it is the empty marker it stands for.
  alias: { "server-only": path.join(root, "lib", "server", "server-only-stub.ts") },
  legalComments: "none",
  logLevel: "warning",
});
console.log(`build-server: wrote ${path.relative(root, outfile)} (${Math.round(statSync(outfile).size / 1024)} kB)`);
