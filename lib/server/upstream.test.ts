import http from "node:http";
import net from "node:net";
import { Agent, EnvHttpProxyAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relayUpstream } from "./relay";
import { fetchUpstream, getDispatcher } from "./upstream";

const timings = { firstBytePingMs: 100, pingIntervalMs: 50, idleTimeoutMs: 2000 };
let server: http.Server;
let base = "";
const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === "/redirect") {
        res.writeHead(301, { location: "https://elsewhere.example/v1/chat/completions" });
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_local" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("getDispatcher", () => {
  it("keeps one keep-alive pool per process and proxy setting", () => {
    const direct = getDispatcher({ outboundProxy: null });
    expect(direct).toBeInstanceOf(Agent);
    expect(getDispatcher({ outboundProxy: null })).toBe(direct);
    const proxied = getDispatcher({ outboundProxy: { httpsProxy: "http://127.0.0.1:3128" } });
    expect(proxied).toBeInstanceOf(EnvHttpProxyAgent);
    expect(proxied).not.toBe(direct);
  });
});

describe("fetchUpstream", () => {
  it("sends exactly the prepared method, headers and body", async () => {
    const headers = { authorization: "Bearer sk-server", "content-type": "application/json" };
    const start = fetchUpstream({ url: `${base}/v1/chat/completions`, method: "POST", headers, body: new TextEncoder().encode('{"a":1}') }, { outboundProxy: null });
    const result = await relayUpstream(start, { stream: false, timings });
    expect(result).toMatchObject({ status: 200, body: '{"ok":true}', headers: { "x-request-id": "req_local" } });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: '{"a":1}' });
    expect(last.headers?.authorization).toBe("Bearer sk-server");
  });

  it("does not follow redirects: a 3xx is reported, the key stays home", async () => {
    const start = fetchUpstream({ url: `${base}/redirect`, method: "GET", headers: { authorization: "Bearer sk-server" } }, { outboundProxy: null });
    await expect(relayUpstream(start, { stream: false, timings })).rejects.toMatchObject({ code: "upstream_not_found", status: 502 });
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
      const start = fetchUpstream({ url: "http://relay.invalid/v1/models", method: "GET", headers: {} }, { outboundProxy: { httpProxy: proxyUrl } });
      await expect(relayUpstream(start, { stream: false, timings })).rejects.toBeTruthy();
      expect(firstLines[0]).toMatch(/relay\.invalid/);
    } finally {
      proxy.close();
    }
  });
});
