// Lock-out and failure cases of the server side, without a browser, against both ways of serving
// /api/openai/* (see proxy.spec.ts). Run `npm run build` first.
import { expect, test } from "@playwright/test";
import { type AppServer, freePort, LAUNCH_MODES, startAppServer } from "./app-server";
import { chatBody, CODE, JSON_TYPE, rawRequest, SECRETS } from "./proxy-helpers";

for (const mode of LAUNCH_MODES) {
  test.describe(`${mode}: lock-out and an unconfigured upstream`, () => {
    let app: AppServer;
    test.beforeAll(async () => {
      app = await startAppServer({ CODE: "secret1", ACCESS_MAX_FAILURES: "3", OPENAI_API_KEY: "", BASE_URL: "" }, { mode });
    });
    test.afterAll(async () => app?.stop());

    test("without OPENAI_API_KEY the proxy answers 503 not_configured", async () => {
      const config = await (await fetch(`${app.url}/api/config`)).json();
      expect(config.upstreamConfigured).toBe(false);
      const res = await fetch(`${app.url}/api/openai/v1/models`, { headers: CODE });
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("not_configured");
    });

    test("repeated wrong codes lock the client address out, spoofed X-Forwarded-For or not", async () => {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${app.url}/api/access`, { method: "POST", headers: { ...JSON_TYPE, "x-access-code": `guess${i}`, "x-forwarded-for": `10.9.8.${i}`, "x-real-ip": `10.9.9.${i}` } });
        expect(res.status).toBe(401);
      }
      const locked = await fetch(`${app.url}/api/access`, { method: "POST", headers: { ...JSON_TYPE, ...CODE, "x-forwarded-for": "10.9.8.200" } });
      expect(locked.status).toBe(429);
      expect((await locked.json()).error.code).toBe("access_locked");
      const retryAfter = Number(locked.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(500);
      expect(retryAfter).toBeLessThanOrEqual(600);
      // the open endpoints stay open, and another client address is not affected
      expect((await fetch(`${app.url}/api/config`)).status).toBe(200);
      const other = await rawRequest(app.url, "POST", "/api/access", { ...JSON_TYPE, ...CODE }, undefined, "127.0.0.2");
      expect(other.status).toBe(200);
      // One line per refused code (address, time, running count) and the lock-out's start; never a code.
      const log = app.output();
      for (let n = 1; n <= 3; n++) expect(log).toMatch(new RegExp(`access: wrong access code from 127\\.0\\.0\\.1 at \\S+Z \\(${n} of 3 within 10 min\\)`));
      expect(log).toMatch(/access: 127\.0\.0\.1 locked out from \S+Z until \S+Z \(3 wrong codes within 10 min\)/);
      for (const secret of [...SECRETS, "guess0", "guess1", "guess2"]) expect(log).not.toContain(secret);
    });

    test("wrong codes on /api/openai/* count in the same lock-out as every other gated route", async () => {
      const models = (code: string, from: string) => rawRequest(app.url, "GET", "/api/openai/v1/models", { "x-access-code": code, "x-forwarded-for": `10.7.7.${Math.floor(Math.random() * 250)}` }, undefined, from);
      for (let i = 0; i < 3; i++) expect((await models(`guess${i}`, "127.0.0.3")).status).toBe(401);
      const locked = await models("secret1", "127.0.0.3");
      expect(locked.status).toBe(429);
      expect(JSON.parse(locked.body).error.code).toBe("access_locked");
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(500);
      expect((await rawRequest(app.url, "POST", "/api/access", { ...JSON_TYPE, ...CODE }, undefined, "127.0.0.3")).status).toBe(429);
      // another address passes the gate (and meets the missing key)
      const other = await models("secret1", "127.0.0.4");
      expect(other.status).toBe(503);
      expect(JSON.parse(other.body).error.code).toBe("not_configured");
    });

    test("OPTIONS passes the same gate (wrong codes count); a trailing slash is redirected even for a locked-out client", async () => {
      const options = (code: string, from: string) => rawRequest(app.url, "OPTIONS", "/api/openai/v1/models", { "x-access-code": code }, undefined, from);
      for (let i = 0; i < 3; i++) expect((await options(`guess${i}`, "127.0.0.6")).status).toBe(401);
      expect((await options("secret1", "127.0.0.6")).status).toBe(429);
      // Next redirects before proxy.ts runs, so the 308 comes first; its target then meets the lock-out.
      const slash = await rawRequest(app.url, "GET", "/api/openai/v1/models/", CODE, undefined, "127.0.0.6");
      expect([slash.status, slash.headers.location]).toEqual([308, "/api/openai/v1/models"]);
      expect((await rawRequest(app.url, "GET", "/api/openai/v1/models", CODE, undefined, "127.0.0.6")).status).toBe(429);
      // Another address gets the answer, which needs no upstream key.
      const other = await options("secret1", "127.0.0.7");
      expect([other.status, other.headers.allow]).toEqual([204, "GET, OPTIONS"]);
    });
  });

  test.describe(`${mode}: lock-out behind a trusted reverse proxy`, () => {
    let app: AppServer;
    test.beforeAll(async () => {
      app = await startAppServer({ CODE: "secret1", ACCESS_MAX_FAILURES: "2", TRUST_PROXY: "1", OPENAI_API_KEY: "sk-test", BASE_URL: "http://127.0.0.1:9" }, { mode });
    });
    test.afterAll(async () => app?.stop());

    test("with TRUST_PROXY=1 the address the proxy appended to X-Forwarded-For is the one locked out", async () => {
      const models = (code: string, forwardedFor: string, from?: string) =>
        rawRequest(app.url, "GET", "/api/openai/v1/models", { "x-access-code": code, "x-forwarded-for": forwardedFor }, undefined, from);
      // The client's own X-Forwarded-For entries (left) change each time; the proxy's (right) does not.
      expect((await models("guess1", "1.1.1.1, 203.0.113.7")).status).toBe(401);
      expect((await models("guess2", "2.2.2.2, 203.0.113.7")).status).toBe(401);
      expect((await models("secret1", "3.3.3.3, 203.0.113.7", "127.0.0.5")).status).toBe(429);
      const access = await rawRequest(app.url, "POST", "/api/access", { ...JSON_TYPE, ...CODE, "x-forwarded-for": "203.0.113.7" });
      expect(access.status).toBe(429);
      // Another client behind the same proxy (same socket address) is not affected.
      const other = await rawRequest(app.url, "POST", "/api/access", { ...JSON_TYPE, ...CODE, "x-forwarded-for": "203.0.113.8" });
      expect(other.status).toBe(200);
    });
  });

  test.describe(`${mode}: an unreachable upstream`, () => {
    let app: AppServer;
    test.beforeAll(async () => {
      const closedPort = await freePort();
      app = await startAppServer({ BASE_URL: `http://127.0.0.1:${closedPort}`, OPENAI_API_KEY: "sk-test", CODE: "" }, { mode });
    });
    test.afterAll(async () => app?.stop());

    test("connection refused becomes 502 upstream_unreachable (and no code is needed without CODE)", async () => {
      expect((await fetch(`${app.url}/api/access`, { method: "POST", headers: JSON_TYPE })).status).toBe(200);
      for (const stream of [true, false]) {
        const res = await fetch(`${app.url}/api/openai/v1/chat/completions`, { method: "POST", headers: JSON_TYPE, body: chatBody("hi", { stream }) });
        expect(res.status).toBe(502);
        const { error } = await res.json();
        expect(error).toMatchObject({ code: "upstream_unreachable", status: 502 });
        expect(error.upstreamMessage).toContain("ECONNREFUSED");
      }
      expect(app.output()).not.toContain("sk-test");
    });
  });
}
