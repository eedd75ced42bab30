// `npm start`: build once if there is no build yet, then run the standalone server.
// Reads .env / .env.local from the project root so a self-hoster can configure it there.
import { existsSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
for (const file of [".env", ".env.local"]) {
  const full = path.join(root, file);
  if (existsSync(full)) process.loadEnvFile(full);
}

// fast-server.js: /api/openai/* on a plain node:http fast path, everything else through Next
// (server/fast-server.ts, built by `npm run build` beside Next's own server.js).
const server = path.join(root, ".next", "standalone", "fast-server.js");
if (!existsSync(server) || process.argv.includes("--rebuild")) {
  console.log("No production build yet: running `npm run build` (takes a minute or two)...");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env, PORT: process.env.PORT || "3000", HOSTNAME: process.env.HOST || "0.0.0.0" };
const child = spawn(process.execPath, [server], { cwd: path.dirname(server), env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
