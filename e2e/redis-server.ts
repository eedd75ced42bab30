import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import { freePort } from "./app-server";

/** Debian's redis-server (`.ci/run` installs it); REDIS_SERVER_PATH overrides. */
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH || "/usr/bin/redis-server";
export const redisAvailable = existsSync(REDIS_SERVER);

/**
 * An app's log line once its lock-out is shared (on a busy machine the first connection attempt
 * may time out, warn, and succeed on the next try: then the line is the "back" one).
 */
export const SHARED = /access: lock-outs are shared through Redis at redis:\/\/127\.0\.0\.1:\d+|is back; lock-outs are shared again/;

export interface RedisServer {
  port: number;
  pid: number;
  /** The REDIS_URL for the app, password included. */
  url: string;
  output: () => string;
  /** Stops this redis-server by its PID: SIGTERM by default, SIGKILL to simulate a crash. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * Starts a throw-away redis-server on loopback (no persistence) and waits until it accepts
 * connections. Pass `port` to start one again where a stopped one was.
 */
export async function startRedis({ port, password }: { port?: number; password?: string } = {}): Promise<RedisServer> {
  if (!redisAvailable) throw new Error(`${REDIS_SERVER} is missing: apt-get install -y redis-server (.ci/run does)`);
  const listenPort = port ?? (await freePort());
  const args = ["--port", String(listenPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  if (password) args.push("--requirepass", password);
  let log = "";
  const child: ChildProcess = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited early:\n${log}`);
    if (await accepting(listenPort)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const auth = password ? `:${encodeURIComponent(password)}@` : "";
  return {
    port: listenPort,
    pid: child.pid!,
    url: `redis://${auth}127.0.0.1:${listenPort}`,
    output: () => log,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(child.pid!, signal);
      }),
  };
}
