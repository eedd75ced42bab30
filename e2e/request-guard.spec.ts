// The request guard and the security headers, end to end on both servers: fast-server.js (what
// `npm start` and Docker run) and Next's own server.js (the route handlers, as on Vercel).
// Run `npm run build` first: the CSP hashes are put in by the build.
import { inlineScriptHashes } from "../lib/security-headers.mjs";
import { type AppServer, LAUNCH_MODES, startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
import type { MockUpstream } from "./mock-upstream.mjs";
import { ChatPage } from "./pages/chat-page";
import { chatBody, CODE, JSON_TYPE, rawExchange, rawRequest } from "./proxy-helpers";

const EVIL = "https://evil.example";
/** A line of a stack trace, as Node prints them. */
const STACK_LINE = /^\s+at .+[:(]/m;

for (const mode of LAUNCH_MODES) {
  test.describe(`${mode}: request guard and security headers`, () => {
    let mock: MockUpstream;
    let coded: AppServer;
    let open: AppServer;
    let proxied: AppServer;

    test.beforeAll(async () => {
      const { startMockUpstream } = await import("./mock-upstream.mjs");
      mock = await startMockUpstream();
      const env = { BASE_URL: mock.url, OPENAI_API_KEY: "sk-test" };
      coded = await startAppServer({ ...env, CODE: "secret1" }, { mode });
      open = await startAppServer({ ...env, CODE: "" }, { mode });
      proxied = await startAppServer({ ...env, CODE: "", TRUST_PROXY: "1" }, { mode });
    });
    test.afterAll(async () => {
      for (const app of [coded, open, proxied]) await app?.stop();
      await mock?.close();
    });
    test.beforeEach(() => mock.reset());

    const post = (app: AppServer, path: string, headers: Record<string, string>) => rawRequest(app.url, "POST", path, { ...CODE, ...headers }, chatBody("hi"));
    const errorCode = (res: { body: string }) => JSON.parse(res.body).error.code;

    test("a POST that is not JSON is 415, cross-origin or not, with CODE or without; nothing goes upstream", async () => {
      for (const app of [coded, open]) {
        for (const path of ["/api/openai/v1/chat/completions", "/api/access"]) {
          for (const headers of [{ "content-type": "text/plain", origin: EVIL, "sec-fetch-site": "cross-site" }, { "content-type": "application/x-www-form-urlencoded" }, {}] as Record<string, string>[]) {
            const res = await post(app, path, headers);
            expect([res.status, errorCode(res)], `${path} ${JSON.stringify(headers)}`).toEqual([415, "unsupported_media_type"]);
          }
        }
      }
      expect(mock.requests).toHaveLength(0);
    });

    test("JSON from another site's page is 403; without Origin, or from the app's own, it goes through", async () => {
      for (const app of [coded, open]) {
        for (const headers of [{ origin: EVIL }, { origin: "null" }, { origin: app.url.replace("127.0.0.1", "localhost") }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
          const res = await post(app, "/api/openai/v1/chat/completions", { ...JSON_TYPE, ...headers });
          expect([res.status, errorCode(res)], JSON.stringify(headers)).toEqual([403, "forbidden_origin"]);
        }
        expect((await post(app, "/api/access", { ...JSON_TYPE, origin: EVIL })).status).toBe(403);
      }
      expect(mock.requests).toHaveLength(0);
      for (const app of [coded, open]) {
        expect((await post(app, "/api/openai/v1/chat/completions", { "content-type": "application/json; charset=utf-8" })).status).toBe(200);
        expect((await post(app, "/api/openai/v1/chat/completions", { ...JSON_TYPE, origin: app.url, "sec-fetch-site": "same-origin" })).status).toBe(200);
        expect((await post(app, "/api/access", { ...JSON_TYPE, origin: app.url })).status).toBe(200);
      }
      expect(mock.requests).toHaveLength(4);
      // The guard comes before the access code: a refused request spends no lock-out attempt.
      const wrong = await rawRequest(coded.url, "POST", "/api/access", { ...JSON_TYPE, "x-access-code": "nope" });
      expect(errorCode(wrong)).toBe("access_code_invalid");
    });

    test("behind TRUST_PROXY the own origin is the forwarded host and scheme", async () => {
      const forwarded = { ...JSON_TYPE, "x-forwarded-host": "chat.example.com", "x-forwarded-proto": "https" };
      expect((await post(proxied, "/api/openai/v1/chat/completions", { ...forwarded, origin: "https://chat.example.com" })).status).toBe(200);
      for (const origin of ["http://chat.example.com", proxied.url, EVIL]) {
        expect((await post(proxied, "/api/openai/v1/chat/completions", { ...forwarded, origin })).status, origin).toBe(403);
      }
      // Without TRUST_PROXY the same forwarded headers count for nothing.
      expect((await post(open, "/api/openai/v1/chat/completions", { ...forwarded, origin: "https://chat.example.com" })).status).toBe(403);
      expect((await post(open, "/api/openai/v1/chat/completions", { ...forwarded, origin: open.url })).status).toBe(200);
      expect(mock.requests).toHaveLength(2);
    });

    test("unknown methods are 405 (or 404) on pages and /api, never 500, with no stack trace in the log", async () => {
      for (const method of ["TRACE", "PROPFIND", "MKCOL", "SEARCH"]) {
        for (const path of ["/", "/api/openai/v1/models", "/api/openai/v1/chat/completions", "/api/access", "/api/health", "/no-such-page"]) {
          const res = await rawRequest(coded.url, method, path, CODE);
          expect([405, 404], `${method} ${path}`).toContain(res.status);
          if (path.startsWith("/api/")) expect([res.status, errorCode(res), res.headers.allow], `${method} ${path}`).toEqual([405, "method_not_allowed", "GET, HEAD, OPTIONS, POST"]);
        }
      }
      for (const target of ["/api/openai/v1/models", "127.0.0.1:443", "/"]) {
        const answer = await rawExchange(coded.url, `CONNECT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        // fast-server.js answers it; Node drops the connection under server.js (no 'connect' listener).
        if (mode === "fast") expect(answer, target).toMatch(/^HTTP\/1\.1 405 /);
        else expect(answer, target).toBe("");
      }
      expect(mock.requests).toHaveLength(0);
      expect(coded.output()).not.toMatch(STACK_LINE);
      expect(coded.output()).not.toMatch(/TypeError/);
    });

    test("pages carry a CSP that allows exactly their inline scripts; every answer carries the other headers", async () => {
      for (const path of ["/", "/no-such-page"]) {
        const res = await fetch(`${open.url}${path}`);
        const policy = res.headers.get("content-security-policy") ?? "";
        const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "))!;
        expect(scriptSrc, path).not.toContain("unsafe");
        for (const hash of inlineScriptHashes(await res.text())) expect(scriptSrc, path).toContain(hash);
        expect(policy).toContain("frame-ancestors 'none'");
        expect(policy).toContain("connect-src 'self' https: http:");
      }
      const answers = [
        await fetch(`${open.url}/`),
        await fetch(`${open.url}/api/config`),
        await fetch(`${open.url}/api/openai/v1/models`),
        await fetch(`${open.url}/api/openai/v1/chat/completions`, { method: "POST", headers: JSON_TYPE, body: chatBody("hi", { stream: true }) }),
        await fetch(`${open.url}/api/access`, { method: "POST", headers: { "content-type": "text/plain" } }),
      ];
      for (const res of answers) {
        const h = res.headers;
        expect([h.get("x-content-type-options"), h.get("referrer-policy"), h.get("x-frame-options")], res.url).toEqual(["nosniff", "no-referrer", "DENY"]);
        await res.text();
      }
    });

    test("in the browser: the gate and a streamed answer pass the guard, every POST as JSON, with no CSP violation", async ({ page }) => {
      // allHeaders(): Origin is added by the network layer, after the page's own headers.
      const seen: Promise<{ url: string; type?: string; origin?: string }>[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") seen.push(r.allHeaders().then((h) => ({ url: r.url(), type: h["content-type"], origin: h.origin })));
      });
      const chat = new ChatPage(page);
      await chat.open(coded.url);
      await chat.enterCode("secret1");
      await chat.ask("hello through the guard");
      const posts = await Promise.all(seen);
      expect(posts.map((p) => p.url)).toEqual([`${coded.url}/api/access`, `${coded.url}/api/openai/v1/chat/completions`]);
      for (const p of posts) expect([p.type, p.origin], p.url).toEqual(["application/json", coded.url]);
    });
  });
}
