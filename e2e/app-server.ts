import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const standalone = path.join(root, ".next", "standalone");

/**
 * How the app is served: "fast" is what `npm start` and Docker run (fast-server.js: /api/openai/*
 * on the node:http fast path, everything else through Next); "next" is Next's own server.js, where
 * the route handler app/api/openai/[...path]/route.ts serves the proxy (as on Vercel).
 */
export type LaunchMode = "fast" | "next";
export const LAUNCH_MODES: readonly LaunchMode[] = ["fast", "next"];
const ENTRY: Record<LaunchMode, string> = { fast: "fast-server.js", next: "server.js" };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface AppServer {
  mode: LaunchMode;
  url: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built standalone server with the given env on 127.0.0.1 and waits for /api/health. */
export async function startAppServer(env: Record<string, string | undefined>, { mode = "fast", port: wanted }: { mode?: LaunchMode; port?: number } = {}): Promise<AppServer> {
  const serverJs = path.join(standalone, ENTRY[mode]);
  if (!existsSync(serverJs)) throw new Error("No build: run `npm run build` before the e2e tests");
  // A given port: a test that stops the server and starts it again at the same address.
  const port = wanted ?? (await freePort());
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) clean[k] = v;
  clean.PORT = String(port);
  clean.HOSTNAME = "127.0.0.1";
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [serverJs], { cwd: path.dirname(serverJs), env: clean as NodeJS.ProcessEnv });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    mode,
    url,
    port,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
