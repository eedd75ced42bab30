// The built standalone app and the mock upstream, on 127.0.0.1, started and stopped (by PID) here.
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hasBuild, ROOT, SERVER_JS } from "./paths.mjs";
import { sleep } from "./report.mjs";

export function ensureBuild() {
  if (hasBuild()) return;
  console.log("No build in .next/standalone: running `npm run build` first…");
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0 || !hasBuild()) {
    console.error("bench: the build failed");
    process.exit(1);
  }
}

// ---------------------------------------------------------------- servers

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Starts SERVER_JS (.next/standalone/fast-server.js) on 127.0.0.1 (like e2e/app-server.ts) and waits for /api/health. */
export async function startApp(env = {}) {
  if (!hasBuild()) throw new Error("No build: run `npm run build` first");
  const port = await freePort();
  const clean = {};
  for (const [k, v] of Object.entries({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env })) if (v !== undefined) clean[k] = v;
  clean.PORT = String(port);
  clean.HOSTNAME = "127.0.0.1";
  let log = "";
  const child = spawn(process.execPath, [SERVER_JS], { cwd: path.dirname(SERVER_JS), env: clean, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stopPid(child);
      throw new Error(`app server did not answer /api/health within 30 s:\n${log}`);
    }
    await sleep(150);
  }
  return { url, port, pid: child.pid, output: () => log, stop: () => stopPid(child) };
}

/** SIGTERM to this child's PID (and SIGKILL after 5 s); never anything by name. */
export function stopPid(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      clearTimeout(kill);
      resolve();
    }
  });
}

/** The project's mock upstream (in this process) and the built app pointed at it. */
export async function startStack(env = {}) {
  const { startMockUpstream } = await import(pathToFileURL(path.join(ROOT, "e2e", "mock-upstream.mjs")).href);
  const mock = await startMockUpstream({});
  let app;
  try {
    app = await startApp({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", ...env });
  } catch (err) {
    await mock.close();
    throw err;
  }
  return {
    mock,
    app,
    url: app.url,
    stop: async () => {
      await app.stop();
      await mock.close();
    },
  };
}
