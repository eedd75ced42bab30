/**
 * The upstream-call scenarios both ways of calling the upstream must pass: fetchUpstream
 * (upstream.ts, fetch for the route handler) in upstream.test.ts and requestUpstream
 * (upstream-node.ts, undici dispatch for the node:http fast path) in upstream-node.test.ts. Each
 * runs against a real local HTTP server, through its own relay adapter; the test files supply the
 * harness and keep the cases only one of them has.
 *
 * Named *.test-support.ts so vitest's `lib/**\/*.test.ts` does not collect it as a test file of
 * its own, while tsc still type-checks it.
 */
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEnv } from "./env";
import { FailoverState } from "./failover";
import { failoverStart } from "./failover-call";
import type { RelayOptions, RelayResult, StartUpstream } from "./relay";
import type { UpstreamRequest } from "./upstream";

export const timings = { firstBytePingMs: 100, pingIntervalMs: 50, idleTimeoutMs: 2000 };
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One request the local upstream received. */
export interface Received {
  method?: string;
  url?: string;
  headers?: http.IncomingHttpHeaders;
  body?: string;
  /** The caller closed the connection before the answer was complete. */
  closedEarly?: boolean;
}

/**
 * A local upstream for the file's tests (started before them, closed after): `/redirect` answers
 * 301, `/gzip` a gzipped stream, `/slow` 20 events 30 ms apart, `/late` its JSON after a second,
 * anything else `{"ok":true}` at once. As failover endpoints (a path prefix as a BASE_URL's):
 * `/html502/...` an nginx 502 page, `/json401/...` one-api's 401, `/breaks/...` one event then a
 * broken connection, `/sse/...` a short stream, `/silent/...` never answers, `/reset-late/...` breaks the connection after 300 ms.
 */
export function localUpstream(): { readonly base: string; received: Received[] } {
  let server: http.Server;
  const local = { base: "", received: [] as Received[] };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", async () => {
        const record: Received = { method: req.method, url: req.url, headers: req.headers, body };
        local.received.push(record);
        res.on("close", () => (record.closedEarly = !res.writableFinished));
        const prefix = req.url?.split("/")[1];
        if (prefix === "html502") {
          res.writeHead(502, { "content-type": "text/html" });
          return res.end("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
        }
        if (prefix === "json401") {
          res.writeHead(401, { "content-type": "application/json" });
          return res.end('{"error":{"message":"无效的令牌 (request id: F401)","type":"one_api_error"}}');
        }
        if (prefix === "breaks") {
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write("data: 1\n\n");
          await sleep(20);
          return res.socket?.destroy();
        }
        if (prefix === "silent") return;
        if (prefix === "sse") {
          res.writeHead(200, { "content-type": "text/event-stream" });
          return res.end("data: ok\n\ndata: [DONE]\n\n");
        }
        if (prefix === "reset-late") {
          await sleep(300);
          return res.socket?.destroy();
        }
        if (req.url === "/redirect") {
          res.writeHead(301, { location: "https://elsewhere.example/v1/chat/completions" });
          return res.end();
        }
        if (req.url === "/gzip") {
          res.writeHead(200, { "content-type": "text/event-stream", "content-encoding": "gzip" });
          return res.end(zlib.gzipSync("data: zipped\n\n"));
        }
        if (req.url === "/slow") {
          res.writeHead(200, { "content-type": "text/event-stream" });
          for (let i = 0; i < 20 && !res.destroyed; i++) {
            res.write(`data: ${i}\n\n`);
            await sleep(30);
          }
          return res.end();
        }
        if (req.url === "/late") {
          await sleep(1000);
          if (res.destroyed) return;
        }
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_local", "set-cookie": ["a=1", "b=2"] });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    local.base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => {
    // /slow and /late may still hold a connection open.
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return local;
}

export interface UpstreamHarness<B, S> {
  name: string;
  /** fetchUpstream or requestUpstream. */
  call(request: UpstreamRequest, env: Pick<ServerEnv, "outboundProxy">): StartUpstream<B>;
  /** The relay adapter that consumes this kind of call. */
  relay(start: StartUpstream<B>, options: RelayOptions): Promise<RelayResult<S>>;
  /** Reads a committed stream to its end, as the browser would. */
  read(stream: S): Promise<string>;
}

/** A forward proxy that records each request line it is sent and answers 502. */
async function recordingProxy(): Promise<{ url: string; firstLines: string[]; close(): void }> {
  const firstLines: string[] = [];
  const proxy = net.createServer((socket) => {
    socket.once("data", (d) => {
      firstLines.push(d.toString("latin1").split("\r\n")[0]);
      socket.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, firstLines, close: () => proxy.close() };
}

interface UpstreamScenario {
  name: string;
  /** The request, given the local upstream's base URL. */
  request(base: string): UpstreamRequest;
  /** Sent through a recording forward proxy (HTTP_PROXY) instead of directly. */
  viaProxy?: boolean;
  /** What the relay answers (a whole non-stream answer), or the AppError it throws. */
  answers?: { status: number; body: string; headers: Record<string, string> };
  rejects?: Record<string, unknown>;
  /** What the local upstream received last, or the first line the proxy got. */
  then(sent: { last?: Received; proxyFirstLine?: string }): void;
}

const UPSTREAM_SCENARIOS: UpstreamScenario[] = [
  {
    name: "sends exactly the prepared method, headers and body; relays status, request id and body",
    request: (base) => ({ url: `${base}/v1/chat/completions`, method: "POST", headers: { authorization: "Bearer sk-server", "content-type": "application/json" }, body: new TextEncoder().encode('{"a":1}') }),
    answers: { status: 200, body: '{"ok":true}', headers: { "x-request-id": "req_local" } },
    then: ({ last }) => {
      expect(last).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: '{"a":1}' });
      expect(last?.headers?.authorization).toBe("Bearer sk-server");
      expect(last?.headers?.["content-length"]).toBe("7");
    },
  },
  {
    name: "does not follow redirects: a 3xx is reported, the key stays home",
    request: (base) => ({ url: `${base}/redirect`, method: "GET", headers: { authorization: "Bearer sk-server" } }),
    rejects: { code: "upstream_not_found", status: 502 },
    then: ({ last }) => expect(last?.url).toBe("/redirect"),
  },
  {
    name: "goes through HTTP_PROXY when one is configured",
    request: () => ({ url: "http://relay.invalid/v1/models", method: "GET", headers: {} }),
    viaProxy: true,
    rejects: {},
    then: ({ proxyFirstLine }) => expect(proxyFirstLine).toMatch(/relay\.invalid/),
  },
];

/** Several endpoints (failover-call.ts over this harness's calls), given the local base and a closed port's URL. */
interface FailoverScenario {
  name: string;
  endpoints(base: string, closed: string): string[];
  stream: boolean;
  headerTimeoutMs?: number;
  /** When the stream opens for pings; far off by default, so a loaded machine cannot open it first. */
  firstBytePingMs?: number;
  /** The relay's answer (the stream read to its end), or the AppError it throws. */
  answers?: { status: number; text: RegExp };
  rejects?: Record<string, unknown>;
  /** The paths the local upstream received, in order, and the endpoints' states after. */
  then(paths: string[], states: ReturnType<FailoverState["snapshot"]>): void;
}

const chat = (root: string) => `${root}/v1/chat/completions`;

const FAILOVER_SCENARIOS: FailoverScenario[] = [
  {
    name: "failover: a refused connection moves on to the next endpoint, which answers; the first cools down",
    endpoints: (base, closed) => [closed, `${base}/ok`],
    stream: false,
    answers: { status: 200, text: /^\{"ok":true\}$/ },
    then: (paths, states) => {
      expect(paths).toEqual(["/ok/v1/chat/completions"]);
      expect(states.map((s) => s.state)).toEqual(["cooling", "ok"]);
      expect(states[0].lastError).toBe("ECONNREFUSED");
    },
  },
  {
    name: "failover: an HTML 502 from a gateway moves on, and the same body is sent again",
    endpoints: (base) => [`${base}/html502`, `${base}/sse`],
    stream: true,
    answers: { status: 200, text: /^data: ok\n\ndata: \[DONE\]\n\n$/ },
    then: (paths, states) => {
      expect(paths).toEqual(["/html502/v1/chat/completions", "/sse/v1/chat/completions"]);
      expect(states[0]).toMatchObject({ state: "cooling", lastError: "HTTP 502" });
    },
  },
  {
    name: "failover: a relay's JSON 401 goes to the user, the next endpoint is not called, nothing cools down",
    endpoints: (base) => [`${base}/json401`, `${base}/ok`],
    stream: true,
    rejects: { code: "upstream_auth", status: 401, requestId: "F401" },
    then: (paths, states) => {
      expect(paths).toEqual(["/json401/v1/chat/completions"]);
      expect(states.map((s) => s.state)).toEqual(["ok", "ok"]);
    },
  },
  {
    name: "failover: a stream that broke after its first bytes is not replayed elsewhere",
    endpoints: (base) => [`${base}/breaks`, `${base}/ok`],
    stream: true,
    answers: { status: 200, text: /^data: 1\n\n[^]*"code":"stream_interrupted"/ },
    then: (paths, states) => {
      expect(paths).toEqual(["/breaks/v1/chat/completions"]);
      expect(states[0].state).toBe("ok");
    },
  },
  {
    name: "failover: an endpoint without headers within the header timeout is left for the next",
    endpoints: (base) => [`${base}/silent`, `${base}/ok`],
    stream: false,
    headerTimeoutMs: 50,
    answers: { status: 200, text: /^\{"ok":true\}$/ },
    then: (paths, states) => {
      expect(paths).toEqual(["/silent/v1/chat/completions", "/ok/v1/chat/completions"]);
      expect(states[0]).toMatchObject({ state: "cooling", lastError: "no response headers within 50 ms" });
    },
  },
  {
    name: "failover: once the stream opened for pings, a failure is reported, not retried elsewhere",
    endpoints: (base) => [`${base}/reset-late`, `${base}/ok`],
    stream: true,
    firstBytePingMs: 100,
    answers: { status: 200, text: /^: ping\n\n[^]*"code":"upstream_unreachable"/ },
    then: (paths) => expect(paths).toEqual(["/reset-late/v1/chat/completions"]),
  },
  {
    name: "failover: when every endpoint fails, the last failure is what the user sees",
    endpoints: (base, closed) => [closed, `${base}/html502`],
    stream: false,
    rejects: { code: "upstream_html", status: 502 },
    then: (paths, states) => {
      expect(paths).toEqual(["/html502/v1/chat/completions"]);
      expect(states.map((s) => s.state)).toEqual(["cooling", "cooling"]);
    },
  },
];

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

function runFailoverScenarios<B, S>(h: UpstreamHarness<B, S>, local: { readonly base: string; received: Received[] }): void {
  describe(`${h.name}: failover across several endpoints`, () => {
    for (const s of FAILOVER_SCENARIOS) {
      it(s.name, async () => {
        const roots = s.endpoints(local.base, await closedPortUrl());
        const state = new FailoverState(roots);
        const body = new TextEncoder().encode(JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }], stream: s.stream }));
        const starts = roots.map((root) => h.call({ url: chat(root), method: "POST", headers: { "content-type": "application/json" }, body }, { outboundProxy: null }));
        const before = local.received.length;
        const relayed = h.relay(failoverStart(state, starts, s.headerTimeoutMs ?? 0), { stream: s.stream, timings: { ...timings, firstBytePingMs: s.firstBytePingMs ?? 60_000 } });
        if (s.rejects) await expect(relayed).rejects.toMatchObject(s.rejects);
        else {
          const result = await relayed;
          const text = typeof result.body === "string" ? result.body : await h.read(result.body);
          expect(result.status).toBe(s.answers!.status);
          expect(text).toMatch(s.answers!.text);
        }
        const received = local.received.slice(before);
        // Every attempt carried the whole body.
        for (const r of received) expect(JSON.parse(r.body ?? "")).toMatchObject({ model: "m", stream: s.stream });
        s.then(received.map((r) => r.url ?? ""), state.snapshot());
      });
    }
  });
}

/** Declares one test per shared scenario for the harness, against the file's local upstream. */
export function runUpstreamScenarios<B, S>(h: UpstreamHarness<B, S>, local: { readonly base: string; received: Received[] }): void {
  describe(`${h.name}: the scenarios every upstream call runs`, () => {
    for (const s of UPSTREAM_SCENARIOS) {
      it(s.name, async () => {
        const proxy = s.viaProxy ? await recordingProxy() : undefined;
        try {
          const start = h.call(s.request(local.base), { outboundProxy: proxy ? { httpProxy: proxy.url } : null });
          const relayed = h.relay(start, { stream: false, timings });
          if (s.rejects) await expect(relayed).rejects.toMatchObject(s.rejects);
          else expect(await relayed).toMatchObject(s.answers!);
          s.then({ last: local.received[local.received.length - 1], proxyFirstLine: proxy?.firstLines[0] });
        } finally {
          proxy?.close();
        }
      });
    }
  });
  runFailoverScenarios(h, local);
}
