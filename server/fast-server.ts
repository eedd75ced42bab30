/**
 * The standalone server that `npm start` and Docker run (built by scripts/build-server.mjs into
 * .next/standalone/fast-server.js, beside Next's own server.js).
 *
 * One node:http server: the proxy requests the page makes (an allow-listed /api/openai/* path
 * with its method, in canonical form; see isProxyTarget) are served right here by
 * lib/server/node-proxy.ts (the same lib/server functions as the route handler, piped without
 * Next's per-request and per-chunk layers); every other request goes to Next's request handler,
 * set up exactly as Next's standalone server.js does it (next/dist/server/lib/start-server), so
 * pages, the access gate in proxy.ts, instrumentation and the other route handlers behave as with
 * `node server.js`. The route handler app/api/openai/[...path]/route.ts serves the proxy on Vercel
 * and under `next dev`, and here answers the other /api/openai/* requests (OPTIONS, HEAD, trailing
 * slashes, odd forms) exactly as it does there. A method the app never answers (TRACE, PROPFIND,
 * CONNECT, ...) is refused with 405 here, on every path, before Next sees it.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { bootStandalone } from "@/lib/server/boot";
import { isProxyTarget, refuseConnect, refuseMethod, serveProxy } from "@/lib/server/node-proxy";
import { isKnownMethod } from "@/lib/server/request-guard";
import { holdFirstScreenHeaders, isFirstScreenRequest } from "@/lib/server/first-screen";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
type UpgradeHandler = (req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) => Promise<void>;

/** How long running streams may go on after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 8000;

async function main(): Promise<void> {
  const dir = __dirname;
  // As Next's standalone server.js: production mode, the build's directory, the build's config.
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.chdir(dir);
  const listen = bootStandalone(); // a bad variable stops here, with a message naming it
  const required = JSON.parse(readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8")) as { config: Record<string, unknown> };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify({ ...required.config, distDir: "./.next" });

  let nextHandler: Handler | undefined;
  let nextUpgrade: UpgradeHandler | undefined;
  let nextServer: { close(): Promise<void> } | undefined;
  let ready: () => void = () => {};
  const nextReady = new Promise<void>((resolve) => (ready = resolve));

  const server = http.createServer((req, res) => {
    if (!isKnownMethod(req.method)) return refuseMethod(res);
    if (isProxyTarget(req.method, req.url)) return void serveProxy(req, res);
    if (isFirstScreenRequest(req.method, req.url)) holdFirstScreenHeaders(res);
    const handle = async () => {
      if (!nextHandler) await nextReady;
      await nextHandler!(req, res);
    };
    handle().catch((err: unknown) => {
      console.error(`Failed to handle request for ${req.url}`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end("Internal Server Error");
    });
  });
  if (listen.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = listen.keepAliveTimeoutMs;
  server.on("connect", (_req, socket) => refuseConnect(socket));
  server.on("upgrade", (req, socket, head) => {
    const handle = async () => {
      if (!nextUpgrade) await nextReady;
      await nextUpgrade!(req, socket, head);
    };
    handle().catch(() => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.hostname, () => resolve());
  });
  server.on("error", (err) => console.error(err));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : listen.port;
  const shownHost = listen.hostname === "0.0.0.0" || listen.hostname === "::" ? "localhost" : listen.hostname;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  // What Next's start-server sets once it listens.
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = url;

  // Loaded only now (require, as server.js does): Next reads NODE_ENV and the standalone config
  // when its modules load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getRequestHandlers } = require("next/dist/server/lib/start-server") as typeof import("next/dist/server/lib/start-server");
  if (typeof getRequestHandlers !== "function") throw new Error("This Next.js version has no getRequestHandlers: update server/fast-server.ts");
  const init = await getRequestHandlers({
    dir,
    port,
    isDev: false,
    onDevServerCleanup: undefined,
    server,
    hostname: listen.hostname,
    keepAliveTimeout: listen.keepAliveTimeoutMs,
  });
  nextHandler = init.requestHandler as Handler;
  nextUpgrade = init.upgradeHandler as UpgradeHandler;
  nextServer = init.server as { close(): Promise<void> } | undefined;
  ready();
  console.log(`RelayChat listening on ${url} (/api/openai/* on the node:http fast path)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return process.exit(1);
    stopping = true;
    // Stop accepting connections, let running answers finish for a few seconds, then exit.
    setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      void Promise.resolve(nextServer?.close())
        .catch(() => {})
        .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
