import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv, type ServerEnv } from "./env";
import { isProxyTarget, serveProxy } from "./node-proxy";

// serveProxy behind a real node:http server, in front of a small scripted upstream.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listen = (server: http.Server) => new Promise<string>((r) => server.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: http.Server) => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
};

const upstreamSeen: { url?: string; headers: http.IncomingHttpHeaders; body: string; aborted: boolean }[] = [];
let upstream: http.Server;
let upstreamUrl = "";
let app: http.Server;
let appUrl = "";
let env: ServerEnv;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const record = { url: req.url, headers: req.headers, body, aborted: false };
      upstreamSeen.push(record);
      res.on("close", () => (record.aborted = !res.writableFinished));
      if (req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_models" });
        return res.end('{"object":"list","data":[]}');
      }
      if (req.url?.startsWith("/v1/dashboard/billing/")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"object":"billing_subscription","hard_limit_usd":25}');
      }
      const stream = JSON.parse(body).stream === true;
      if (!stream) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ id: "c", choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }] }));
      }
      res.writeHead(200, { "content-type": "text/event-stream", "x-request-id": "req_stream" });
      for (let i = 0; i < 10 && !res.destroyed; i++) {
        res.write(`data: {"n":${i}}\n\n`);
        await sleep(20);
      }
      res.end("data: [DONE]\n\n");
    });
  });
  upstreamUrl = await listen(upstream);
  env = parseEnv({ BASE_URL: upstreamUrl, OPENAI_API_KEY: "sk-server", CODE: "letmein", ACCESS_MAX_FAILURES: "2", FIRST_BYTE_PING_MS: "200", PING_INTERVAL_MS: "100", MAX_REQUEST_MB: "4" });
  app = http.createServer((req, res) => {
    // Every /api/openai/ target, not only what isProxyTarget() lets through: serveProxy must stay
    // safe on its own.
    const chosen = req.headers["x-test-env"] === "trust" ? trustEnv : req.headers["x-test-env"] === "restricted" ? restrictedEnv : env;
    if (req.url?.startsWith("/api/openai/")) return void serveProxy(req, res, chosen as ServerEnv);
    res.writeHead(418).end();
  });
  appUrl = await listen(app);
});
afterAll(async () => {
  await close(app);
  await close(upstream);
});

let trustEnv: ServerEnv;
let restrictedEnv: ServerEnv;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request (path sent as written) from a chosen 127.0.0.x address. */
function request(method: string, path: string, headers: Record<string, string> = {}, body?: string, localAddress = "127.0.0.1"): Promise<Reply> {
  const url = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, localAddress, agent: false }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const CODE = { "x-access-code": "letmein" };
const chat = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }], ...extra });
const errorCode = (r: Reply) => JSON.parse(r.body).error.code;

describe("isProxyTarget", () => {
  it("takes an allow-listed path with its own method, in the exact form the page sends", () => {
    expect(isProxyTarget("GET", "/api/openai/v1/models")).toBe(true);
    expect(isProxyTarget("POST", "/api/openai/v1/chat/completions")).toBe(true);
    expect(isProxyTarget("GET", "/api/openai/dashboard/billing/usage?start_date=2025-01-01&end_date=2025-02-01")).toBe(true);
    expect(isProxyTarget("GET", "/api/openai/v1/dashboard/billing/subscription")).toBe(true);
    expect(isProxyTarget("GET", "/api/openai/v1/models?")).toBe(true);
    // A slash in the query is no trailing slash.
    expect(isProxyTarget("GET", "/api/openai/dashboard/billing/usage?x=a/")).toBe(true);
  });

  it.each([
    // Methods the route does not take, OPTIONS and HEAD included: Next answers them.
    ["OPTIONS", "/api/openai/v1/models"],
    ["OPTIONS", "/api/openai/v1/chat/completions"],
    ["HEAD", "/api/openai/v1/models"],
    ["GET", "/api/openai/v1/chat/completions"],
    ["POST", "/api/openai/v1/models"],
    ["DELETE", "/api/openai/v1/models"],
    ["TRACE", "/api/openai/v1/models"],
    ["get", "/api/openai/v1/models"],
    [undefined, "/api/openai/v1/models"],
    // Forms Next redirects (308) or normalises first.
    ["GET", "/api/openai/v1/models/"],
    ["GET", "/api/openai/v1/models/?a=1"],
    ["POST", "/api/openai/v1/chat/completions/"],
    ["GET", "/api/openai/v1//models"],
    ["GET", "/api/openai//v1/models"],
    ["GET", "/api/openai/v1/models\\"],
    ["GET", "/api/openai/v1/./models"],
    ["GET", "/api/openai/x/../v1/models"],
    ["GET", "/api/openai/v1/%6dodels"],
    ["GET", "/api/openai/v1%2fmodels"],
    ["GET", "/api/openai/v1/models#x"],
    ["GET", "/api/openai/dashboard/billing/usage?a=1#x"],
    // Not allow-listed, or not under the prefix.
    ["GET", "/api/openai/v1/files"],
    ["GET", "/api/openai/constructor"],
    ["GET", "/api/openai/__proto__"],
    ["GET", "/api/openai/"],
    ["GET", "/api/openai"],
    ["GET", "/api/config"],
    ["GET", "/API/openai/v1/models"],
    ["GET", "http://host/api/openai/v1/models"],
    ["GET", undefined],
  ])("leaves %s %s to Next", (method, url) => {
    expect(isProxyTarget(method, url)).toBe(false);
  });
});

describe("serveProxy", () => {
  it("asks for the access code, refuses a wrong one, and never takes a bearer token", async () => {
    const none = await request("GET", "/api/openai/v1/models", {}, undefined, "127.0.0.11");
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("access_code_required");
    expect(none.headers["www-authenticate"]).toContain("x-access-code");
    const bearer = await request("GET", "/api/openai/v1/models", { authorization: "Bearer sk-server" }, undefined, "127.0.0.11");
    expect(bearer.status).toBe(401);
    const wrong = await request("GET", "/api/openai/v1/models", { "x-access-code": "nope" }, undefined, "127.0.0.11");
    expect(errorCode(wrong)).toBe("access_code_invalid");
  });

  it("locks out the socket's address after repeated wrong codes, whatever X-Forwarded-For says", async () => {
    for (const i of [1, 2]) await request("GET", "/api/openai/v1/models", { "x-access-code": `guess${i}`, "x-forwarded-for": `10.0.0.${i}` }, undefined, "127.0.0.12");
    const locked = await request("GET", "/api/openai/v1/models", { ...CODE, "x-forwarded-for": "10.0.0.9" }, undefined, "127.0.0.12");
    expect(locked.status).toBe(429);
    expect(errorCode(locked)).toBe("access_locked");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect((await request("GET", "/api/openai/v1/models", CODE, undefined, "127.0.0.13")).status).toBe(200);
  });

  it("under TRUST_PROXY keys the lock-out on the proxy's X-Forwarded-For entry", async () => {
    trustEnv = parseEnv({ BASE_URL: upstreamUrl, OPENAI_API_KEY: "sk-server", CODE: "letmein", ACCESS_MAX_FAILURES: "2", TRUST_PROXY: "1" });
    const h = (code: string, xff: string) => ({ "x-test-env": "trust", "x-access-code": code, "x-forwarded-for": xff });
    await request("GET", "/api/openai/v1/models", h("g1", "9.9.9.1, 198.51.100.20"), undefined, "127.0.0.14");
    await request("GET", "/api/openai/v1/models", h("g2", "9.9.9.2, 198.51.100.20"), undefined, "127.0.0.15");
    expect((await request("GET", "/api/openai/v1/models", h("letmein", "198.51.100.20"), undefined, "127.0.0.16")).status).toBe(429);
    expect((await request("GET", "/api/openai/v1/models", h("letmein", "198.51.100.21"), undefined, "127.0.0.14")).status).toBe(200);
  });

  it("forwards only allow-listed paths and methods", async () => {
    for (const [method, path] of [
      ["GET", "/api/openai/v1/files"],
      ["POST", "/api/openai/v1/models"],
      ["GET", "/api/openai/v1/chat/completions"],
      ["POST", "/api/openai/v1%2fchat%2fcompletions"],
      ["POST", "/api/openai/../v1/chat/completions"],
      ["POST", "/api/openai/%2e%2e/v1/chat/completions"],
      ["POST", "/api/openai/http:%2f%2fevil.example/v1/chat/completions"],
      ["GET", "/api/openai/v1/models/"],
      ["GET", "/api/openai/"],
    ]) {
      const res = await request(method, path, { ...CODE, "content-type": "application/json" }, method === "POST" ? chat() : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(errorCode(res)).toBe("path_not_allowed");
    }
  });

  it("sends the server key and the query string of billing paths, never the client's secrets", async () => {
    const res = await request("GET", "/api/openai/v1/models", { ...CODE, authorization: "Bearer sk-user", cookie: "s=1" });
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe("req_models");
    expect(res.headers["content-length"]).toBe(String(res.body.length));
    const seen = upstreamSeen[upstreamSeen.length - 1];
    expect(seen.headers.authorization).toBe("Bearer sk-server");
    expect(seen.headers["x-access-code"]).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
  });

  it("refuses junk and oversized bodies before anything goes upstream", async () => {
    const before = upstreamSeen.length;
    const post = (body: string, headers: Record<string, string> = {}) => request("POST", "/api/openai/v1/chat/completions", { ...CODE, "content-type": "application/json", ...headers }, body);
    expect(errorCode(await post("{nope"))).toBe("bad_request");
    expect((await post(JSON.stringify({ model: "m", messages: [] }))).status).toBe(400);
    // Refused by the declared length, before any of the body is read.
    const declared = await post("{}", { "content-length": String(5 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    const counted = await new Promise<Reply>((resolve, reject) => {
      const url = new URL(appUrl);
      const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/api/openai/v1/chat/completions", headers: { ...CODE, "content-type": "application/json" }, agent: false }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on("error", reject);
      // Chunked, no Content-Length: refused by count once past MAX_REQUEST_MB (4 here).
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(counted.status).toBe(413);
    expect(errorCode(counted)).toBe("server_body_limit");
    // The limit is named, so the page can say which one to raise.
    expect(JSON.parse(counted.body).error.limitBytes).toBe(4 * 1024 * 1024);
    expect(upstreamSeen.length).toBe(before);
  });

  it("refuses a non-JSON POST (415) and another site's Origin (403) before the code or the upstream", async () => {
    const before = upstreamSeen.length;
    const post = (headers: Record<string, string>) => request("POST", "/api/openai/v1/chat/completions", { host: "chat.example", ...headers }, chat());
    const plain = await post({ ...CODE, "content-type": "text/plain", origin: "https://evil.example" });
    expect([plain.status, errorCode(plain), plain.headers["x-content-type-options"]]).toEqual([415, "unsupported_media_type", "nosniff"]);
    expect(errorCode(await post({ "content-type": "application/json", origin: "https://evil.example" }))).toBe("forbidden_origin");
    expect(errorCode(await post({ ...CODE, "content-type": "application/json", "sec-fetch-site": "cross-site" }))).toBe("forbidden_origin");
    expect(upstreamSeen.length).toBe(before);
    const own = await post({ ...CODE, "content-type": "application/json; charset=utf-8", origin: "http://chat.example" });
    expect([own.status, own.headers["referrer-policy"], own.headers["x-frame-options"]]).toEqual([200, "no-referrer", "DENY"]);
    const propfind = await request("PROPFIND", "/api/openai/v1/models", CODE);
    expect([propfind.status, errorCode(propfind), propfind.headers.allow]).toEqual([405, "method_not_allowed", "GET, HEAD, OPTIONS, POST"]);
    expect(upstreamSeen.length).toBe(before + 1);
  });

  it("refuses the billing paths with 403 unless ENABLE_BALANCE_QUERY is set, then asks the relay at most once a minute", async () => {
    const before = upstreamSeen.length;
    const off = await request("GET", "/api/openai/dashboard/billing/subscription", CODE);
    expect([off.status, errorCode(off)]).toEqual([403, "balance_disabled"]);
    expect(JSON.parse(off.body).error.message).toContain("ENABLE_BALANCE_QUERY=1");
    expect(upstreamSeen.length).toBe(before);
    const on = parseEnv({ BASE_URL: upstreamUrl, OPENAI_API_KEY: "sk-server", ENABLE_BALANCE_QUERY: "1" });
    const server = http.createServer((req, res) => void serveProxy(req, res, on));
    const url = await listen(server);
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/api/openai/v1/dashboard/billing/subscription?cache=node-proxy-test`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ hard_limit_usd: 25 });
      }
      expect(upstreamSeen.slice(before).map((r) => r.url)).toEqual(["/v1/dashboard/billing/subscription?cache=node-proxy-test"]);
    } finally {
      await close(server);
    }
  });

  it("answers 503 not_configured without a server key", async () => {
    const bare = parseEnv({ BASE_URL: upstreamUrl });
    const server = http.createServer((req, res) => void serveProxy(req, res, bare));
    const url = await listen(server);
    try {
      const res = await fetch(`${url}/api/openai/v1/models`);
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("not_configured");
    } finally {
      await close(server);
    }
  });

  it("streams with SSE headers, and a plain completion as JSON", async () => {
    const stream = await request("POST", "/api/openai/v1/chat/completions", { ...CODE, "content-type": "application/json" }, chat({ stream: true }));
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(stream.headers["x-accel-buffering"]).toBe("no");
    expect(stream.headers["x-request-id"]).toBe("req_stream");
    expect(stream.body).toBe(`${Array.from({ length: 10 }, (_, i) => `data: {"n":${i}}\n\n`).join("")}data: [DONE]\n\n`);
    const plain = await request("POST", "/api/openai/v1/chat/completions", { ...CODE, "content-type": "application/json" }, chat());
    expect(JSON.parse(plain.body).choices[0].message.content).toBe("hi");
  });

  it("aborts the upstream call when the browser goes away mid-stream", async () => {
    const url = new URL(appUrl);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: "/api/openai/v1/chat/completions", headers: { ...CODE, "content-type": "application/json" }, agent: false }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => {});
      req.end(chat({ stream: true }));
    });
    // The abort travels through two sockets: wait for it (a busy machine takes longer than 100 ms).
    await vi.waitFor(() => expect(upstreamSeen[upstreamSeen.length - 1].aborted).toBe(true), { timeout: 5000, interval: 50 });
  });

  it("with CUSTOM_MODELS=-all refuses a model outside the list before calling the upstream", async () => {
    restrictedEnv = parseEnv({ BASE_URL: upstreamUrl, OPENAI_API_KEY: "sk-server", CODE: "letmein", CUSTOM_MODELS: "-all,+gpt-4o-mini" });
    const headers = { ...CODE, "content-type": "application/json", "x-test-env": "restricted" };
    const before = upstreamSeen.length;
    const refused = await request("POST", "/api/openai/v1/chat/completions", headers, chat({ model: "gpt-4o" }));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: "model_not_allowed", model: "gpt-4o" });
    expect(upstreamSeen.length).toBe(before);
    const allowed = await request("POST", "/api/openai/v1/chat/completions", headers, chat({ model: "gpt-4o-mini" }));
    expect(allowed.status).toBe(200);
  });
});
