import { EventEmitter } from "node:events";
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushBody } from "./push-body";
import { relayUpstreamNode } from "./relay-node";
import { LightAbort, toAbortSignal } from "./upstream-call";
import { headerGetter, requestUpstream, splitUrl } from "./upstream-node";

const timings = { firstBytePingMs: 100, pingIntervalMs: 50, idleTimeoutMs: 2000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let server: http.Server;
let base = "";
const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string; closedEarly?: boolean }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const record: (typeof seen)[number] = { method: req.method, url: req.url, headers: req.headers, body };
      seen.push(record);
      res.on("close", () => (record.closedEarly = !res.writableFinished));
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
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

async function readAll(body: PushBody): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    body.consume({ data: (c) => ((text += c.toString()), true), end: () => resolve(text), error: reject });
  });
}

describe("splitUrl and headerGetter", () => {
  it("splits our own upstream URLs without parsing them", () => {
    expect(splitUrl("https://relay.example.com/v1/chat/completions")).toEqual({ origin: "https://relay.example.com", path: "/v1/chat/completions" });
    expect(splitUrl("http://127.0.0.1:8787/base/v1/models?x=1")).toEqual({ origin: "http://127.0.0.1:8787", path: "/base/v1/models?x=1" });
    expect(splitUrl("https://relay.example.com")).toEqual({ origin: "https://relay.example.com", path: "/" });
  });

  it("reads Node's header records case-insensitively, joining repeated values", () => {
    const h = headerGetter({ "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] });
    expect(h.get("Content-Type")).toBe("text/plain");
    expect(h.get("set-cookie")).toBe("a=1, b=2");
    expect(h.get("x-missing")).toBeNull();
  });
});

describe("requestUpstream (undici dispatch into a push body)", () => {
  it("sends exactly the prepared method, headers and body; returns status, headers and body", async () => {
    const start = requestUpstream({ url: `${base}/v1/chat/completions`, method: "POST", headers: { authorization: "Bearer sk-server", "content-type": "application/json" }, body: new TextEncoder().encode('{"a":1}') }, { outboundProxy: null });
    const res = await start(new LightAbort());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req_local");
    expect(await readAll(res.body!)).toBe('{"ok":true}');
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: '{"a":1}' });
    expect(last.headers?.authorization).toBe("Bearer sk-server");
    expect(last.headers?.["content-length"]).toBe("7");
  });

  it("relays a stream chunk by chunk through relayUpstreamNode", async () => {
    const start = requestUpstream({ url: `${base}/slow`, method: "GET", headers: {} }, { outboundProxy: null });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    const parts: string[] = [];
    await new Promise<void>((resolve) => {
      const out = Object.assign(new EventEmitter(), {
        destroyed: false,
        write: (c: Uint8Array) => (parts.push(Buffer.from(c).toString()), true),
        end: () => resolve(),
      });
      (result.body as { pipe(o: unknown): void }).pipe(out);
    });
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join("")).toBe(Array.from({ length: 20 }, (_, i) => `data: ${i}\n\n`).join(""));
  });

  it("does not follow redirects: a 3xx is reported, the key stays home", async () => {
    const start = requestUpstream({ url: `${base}/redirect`, method: "GET", headers: { authorization: "Bearer sk-server" } }, { outboundProxy: null });
    await expect(relayUpstreamNode(start, { stream: false, timings })).rejects.toMatchObject({ code: "upstream_not_found", status: 502 });
  });

  it("decodes a gzip body as fetch would", async () => {
    const res = await requestUpstream({ url: `${base}/gzip`, method: "GET", headers: {} }, { outboundProxy: null })(new LightAbort());
    expect(await readAll(res.body!)).toBe("data: zipped\n\n");
  });

  it("fails at once with the signal's reason when aborted before the answer, and the upstream sees the close", async () => {
    const signal = new LightAbort();
    const pending = requestUpstream({ url: `${base}/late`, method: "GET", headers: {} }, { outboundProxy: null })(signal);
    await sleep(100);
    signal.abort(new DOMException("The upstream sent nothing for too long", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    await sleep(100);
    expect(seen.find((r) => r.url === "/late")?.closedEarly).toBe(true);
  });

  it("an aborted signal fails the body mid-stream with its reason", async () => {
    const signal = new LightAbort();
    const res = await requestUpstream({ url: `${base}/slow`, method: "GET", headers: {} }, { outboundProxy: null })(signal);
    const text = readAll(res.body!);
    await sleep(70);
    signal.abort(new DOMException("The client went away", "AbortError"));
    await expect(text).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reports a refused connection with its code", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const start = requestUpstream({ url: `http://127.0.0.1:${closed}/v1/models`, method: "GET", headers: {} }, { outboundProxy: null });
    const err = await relayUpstreamNode(start, { stream: false, timings }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "upstream_unreachable", status: 502 });
    expect((err as { upstreamMessage: string }).upstreamMessage).toContain("ECONNREFUSED");
  });

  it("goes through HTTP_PROXY when one is configured", async () => {
    const firstLines: string[] = [];
    const proxy = net.createServer((socket) => {
      socket.once("data", (d) => {
        firstLines.push(d.toString("latin1").split("\r\n")[0]);
        socket.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
      });
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      const start = requestUpstream({ url: "http://relay.invalid/v1/models", method: "GET", headers: {} }, { outboundProxy: { httpProxy: proxyUrl } });
      await expect(relayUpstreamNode(start, { stream: false, timings })).rejects.toBeTruthy();
      expect(firstLines[0]).toMatch(/relay\.invalid/);
    } finally {
      proxy.close();
    }
  });
});

describe("LightAbort and toAbortSignal", () => {
  it("fires its listeners once, with the reason kept", () => {
    const a = new LightAbort();
    const calls: string[] = [];
    const gone = () => calls.push("removed");
    a.addEventListener("abort", () => calls.push("one"));
    a.addEventListener("abort", gone);
    a.removeEventListener("abort", gone);
    a.abort(new Error("why"));
    a.abort(new Error("again"));
    expect(calls).toEqual(["one"]);
    expect(a.aborted).toBe(true);
    expect((a.reason as Error).message).toBe("why");
  });

  it("gives fetch a real AbortSignal that follows it", () => {
    const a = new LightAbort();
    const signal = toAbortSignal(a);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    a.abort(new DOMException("t", "TimeoutError"));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
    const real = new AbortController().signal;
    expect(toAbortSignal(real)).toBe(real);
  });
});
