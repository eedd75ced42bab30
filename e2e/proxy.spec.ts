// The server side end to end, without a browser: the built standalone server in front of the mock
// upstream. Run `npm run build` first. Every test runs against both ways of serving /api/openai/*:
// the node:http fast path of fast-server.js (what `npm start` and Docker run) and Next's route
// handler in server.js (what Vercel and `next dev` run).
import { expect, test } from "@playwright/test";
import { type AppServer, LAUNCH_MODES, startAppServer } from "./app-server";
// Type-only import: Playwright's CommonJS transform cannot require() an .mjs file, so the mock is
// loaded with a real dynamic import() below.
import type { MockUpstream } from "./mock-upstream.mjs";
import { chatBody, CODE, dataEvents, JSON_TYPE, postChat, rawRequest, readTimed, SECRETS } from "./proxy-helpers";


for (const mode of LAUNCH_MODES) {
  test.describe(`${mode}: proxy in front of the mock upstream`, () => {
    let mock: MockUpstream;
    let app: AppServer;

    test.beforeAll(async () => {
      const { startMockUpstream } = await import("./mock-upstream.mjs");
      mock = await startMockUpstream();
      app = await startAppServer({
        BASE_URL: `${mock.url}/v1/`,
        OPENAI_API_KEY: "sk-test",
        CODE: "secret1, secret2",
        FIRST_BYTE_PING_MS: "300",
        PING_INTERVAL_MS: "200",
        REQUEST_TIMEOUT_MS: "1500",
        CUSTOM_MODELS: "+mock-model=Mock Model",
        DEFAULT_MODEL: "deepseek-chat",
        ENABLE_BALANCE_QUERY: "1",
      }, { mode });
    });
    test.afterAll(async () => {
      await app?.stop();
      await mock?.close();
    });
    test.beforeEach(() => mock.reset());

    test("/api/health and /api/config are open; config says what the page needs", async () => {
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      const res = await fetch(`${app.url}/api/config`);
      expect(res.status).toBe(200);
      const config = await res.json();
      expect(config).toMatchObject({ codeRequired: true, upstreamConfigured: true, allowUserApiKey: true, defaultModel: "deepseek-chat", defaults: { titleMode: "local" } });
      expect(config.models[0]).toEqual({ id: "deepseek-chat" });
      expect(config.models).toContainEqual({ id: "mock-model", label: "Mock Model" });
      expect(JSON.stringify(config)).not.toMatch(/secret1|sk-test/);
    });

    test("the access code is required, checked, and a bearer token is no way past it", async () => {
      const access = (headers: Record<string, string>) => fetch(`${app.url}/api/access`, { method: "POST", headers: { ...JSON_TYPE, ...headers } });
      const none = await access({});
      expect(none.status).toBe(401);
      expect((await none.json()).error.code).toBe("access_code_required");
      const wrong = await access({ "x-access-code": "secret3" });
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.code).toBe("access_code_invalid");
      for (const code of ["secret1", "secret2"]) {
        const ok = await access({ "x-access-code": code });
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual({ ok: true });
      }
      expect((await access({ authorization: "Bearer secret1" })).status).toBe(401);
      const bearer = await fetch(`${app.url}/api/openai/v1/models`, { headers: { authorization: "Bearer sk-test" } });
      expect(bearer.status).toBe(401);
      expect(mock.requests).toHaveLength(0);
    });

    test("only allow-listed paths are forwarded; tricks end in 404 or a redirect, never upstream", async () => {
      for (const [method, path] of [
        ["POST", "/api/openai/v1/files"],
        ["GET", "/api/openai/v1/files"],
        ["POST", "/api/openai/v1/embeddings"],
        ["GET", "/api/openai/v1/chat/completions"],
        ["DELETE", "/api/openai/v1/models"],
        ["POST", "/api/openai/v1%2fchat%2fcompletions"],
        ["POST", "/api/openai/https:%2f%2fevil.example%2fv1%2fchat%2fcompletions"],
        ["POST", "/api/openai/http:/evil.example/v1/chat/completions"],
      ]) {
        const res = await rawRequest(app.url, method, path, { ...CODE, "content-type": "application/json" }, method === "POST" ? chatBody("hi") : undefined);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(JSON.parse(res.body).error.code, `${method} ${path}`).toBe("path_not_allowed");
      }
      for (const path of [
        "/api/openai/../../v1/chat/completions",
        "/api/openai/%2e%2e/%2e%2e/v1/chat/completions",
        "/api/openai/v1/chat/completions/..%2f..%2fmodels",
        `/api/openai/${mock.url}/v1/chat/completions`,
        "/api/openai//evil.example/v1/chat/completions",
      ]) {
        const res = await rawRequest(app.url, "POST", path, { ...CODE, "content-type": "application/json" }, chatBody("hi"));
        expect([301, 307, 308, 400, 404], path).toContain(res.status);
      }
      expect(mock.requests).toHaveLength(0);
    });

    test("OPTIONS names the one method of an allow-listed path; other methods and odd forms answer as Next does", async () => {
      for (const [path, allow] of [["/api/openai/v1/models", "GET, OPTIONS"], ["/api/openai/v1/chat/completions", "OPTIONS, POST"]]) {
        const res = await rawRequest(app.url, "OPTIONS", path, CODE);
        expect([res.status, res.headers.allow, res.body], path).toEqual([204, allow, ""]);
      }
      const files = await rawRequest(app.url, "OPTIONS", "/api/openai/v1/files", CODE);
      expect([files.status, JSON.parse(files.body).error.code, files.headers.allow]).toEqual([404, "path_not_allowed", undefined]);
      // A cross-origin preflight carries no code: refused by the gate, with nothing that passes CORS.
      const preflight = await rawRequest(app.url, "OPTIONS", "/api/openai/v1/chat/completions", { origin: "https://elsewhere.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-access-code" });
      expect(preflight.status).toBe(401);
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      for (const [method, path] of [["HEAD", "/api/openai/v1/models"], ["PUT", "/api/openai/v1/models"], ["GET", "/api/openai/v1%2fmodels"]]) {
        const res = await rawRequest(app.url, method, path, CODE);
        expect([res.status, res.headers["content-type"]], `${method} ${path}`).toEqual([404, "application/json; charset=utf-8"]);
      }
      // Dot segments and fragments are resolved as URL parsing does, then forwarded as usual.
      for (const path of ["/api/openai/v1/./models", "/api/openai/x/../v1/models", "/api/openai/v1/models#top"]) expect((await rawRequest(app.url, "GET", path, CODE)).status, path).toBe(200);
      expect(mock.requests.map((r) => r.path)).toEqual(["/v1/models", "/v1/models", "/v1/models"]);
    });

    test("a trailing, doubled or back slash is a 308 to the clean path, query kept, before the access gate", async () => {
      for (const [path, location] of [
        ["/api/openai/v1/models/", "/api/openai/v1/models"],
        ["/api/openai/v1/models/?a=1&b=2", "/api/openai/v1/models?a=1&b=2"],
        ["/api/openai/dashboard/billing/usage/?start_date=2025-01-01", "/api/openai/dashboard/billing/usage?start_date=2025-01-01"],
        ["/api/openai/v1/files/", "/api/openai/v1/files"],
        ["/api/openai/v1//models", "/api/openai/v1/models"],
        ["/api/openai//v1/models", "/api/openai/v1/models"],
        ["/api/openai/v1/models\\", "/api/openai/v1/models/"],
      ]) {
        for (const headers of [CODE, {}]) {
          const res = await rawRequest(app.url, "GET", path, headers);
          expect([res.status, res.headers.location, res.body], path).toEqual([308, location, location]);
        }
      }
      const post = await rawRequest(app.url, "POST", "/api/openai/v1/chat/completions/", { ...CODE, "content-type": "application/json" }, chatBody("hi"));
      expect([post.status, post.headers.location]).toEqual([308, "/api/openai/v1/chat/completions"]);
      expect(mock.requests).toHaveLength(0);
      // A 308 keeps method and body, so fetch following it gets the answer.
      const followed = await fetch(`${app.url}/api/openai/v1/chat/completions/`, { method: "POST", headers: { ...CODE, "content-type": "application/json" }, body: chatBody("hi") });
      expect([followed.status, followed.redirected]).toEqual([200, true]);
      const models = await fetch(`${app.url}/api/openai/v1/models/?x=1`, { headers: CODE });
      expect([models.status, models.redirected, models.url]).toEqual([200, true, `${app.url}/api/openai/v1/models?x=1`]);
    });

    test("the upstream gets the server key, not the access code, cookies or the user's own key", async () => {
      const res = await postChat(app.url, "What is the capital of France?", { custom_field: { kept: true } }, { headers: { authorization: "Bearer sk-user-own", cookie: "session=abc" } });
      expect(res.status).toBe(200);
      const completion = await res.json();
      expect(completion.choices[0].message.content).toContain("capital of France");
      expect(completion.usage.completion_tokens).toBeGreaterThan(0);
      const seen = await mock.waitFor((r) => r.path === "/v1/chat/completions");
      expect(seen.headers.authorization).toBe("Bearer sk-test");
      expect(seen.headers["x-access-code"]).toBeUndefined();
      expect(seen.headers.cookie).toBeUndefined();
      expect(seen.headers["x-forwarded-for"]).toBeUndefined();
      expect(seen.body.custom_field).toEqual({ kept: true });
    });

    test("a stream passes through with SSE headers, arriving over time", async () => {
      const startedAt = Date.now();
      const res = await postChat(app.url, "mock:slow-60 Tell me about streams", { stream: true, stream_options: { include_usage: true } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(res.headers.get("x-accel-buffering")).toBe("no");
      expect(res.headers.get("x-request-id")).toMatch(/^req_mock_/);
      const { text, reads } = await readTimed(res, startedAt);
      expect(reads.length).toBeGreaterThan(5);
      expect(reads[reads.length - 1].at - reads[0].at).toBeGreaterThan(300); // 60 chunks 20 ms apart
      const events = dataEvents(text);
      expect(events[events.length - 1]).toBe("[DONE]");
      const usage = JSON.parse(events[events.length - 2]);
      expect(usage.choices).toEqual([]);
      expect(usage.usage.total_tokens).toBeGreaterThan(0);
      expect(text).not.toContain(": ping");
    });

    test("keep-alive pings while the upstream is silent, then the stream", async () => {
      const res = await postChat(app.url, "mock:hang-1200", { stream: true });
      expect(res.status).toBe(200);
      const { text } = await readTimed(res, Date.now());
      const beforeData = text.slice(0, text.indexOf("data:"));
      expect(beforeData).toMatch(/^(: ping\n\n){2,}$/);
      expect(dataEvents(text).pop()).toBe("[DONE]");
    });

    test("an error after the stream was committed arrives as a data: {error} event", async () => {
      const res = await postChat(app.url, "mock:hang-error-900", { stream: true });
      expect(res.status).toBe(200);
      const { text } = await readTimed(res, Date.now());
      expect(text.startsWith(": ping\n\n")).toBe(true);
      const events = dataEvents(text);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]).error).toMatchObject({ code: "upstream_auth", status: 401, requestId: expect.stringMatching(/^2025/) });
    });

    test("upstream errors come back as project JSON with the upstream status and request id", async () => {
      const cases: [string, number, string][] = [
        ["error-401-openai", 401, "upstream_auth"],
        ["error-401-oneapi", 401, "upstream_auth"],
        ["error-401-oneapi-exhausted", 401, "upstream_token_quota"],
        ["error-403-oneapi-quota", 403, "upstream_quota"],
        ["error-403-oneapi-model", 403, "upstream_forbidden"],
        ["error-400-context", 400, "context_too_long"],
        ["error-429-oneapi-saturated", 429, "upstream_overloaded"],
        ["error-503-oneapi-no-channel", 503, "model_not_found"],
        ["error-404-newapi-chained", 404, "upstream_server"],
        ["error-502-html", 502, "upstream_html"],
        ["error-504-vercel", 504, "upstream_timeout"],
        ["error-200-body", 402, "upstream_token_quota"],
      ];
      for (const [scenario, status, code] of cases) {
        for (const stream of [true, false]) {
          const res = await postChat(app.url, `mock:${scenario}`, { stream });
          expect(res.status, scenario).toBe(status);
          expect(res.headers.get("content-type")).toContain("application/json");
          const { error } = await res.json();
          expect(error, scenario).toMatchObject({ code, status });
          if (scenario.includes("oneapi") || scenario === "error-404-newapi-chained") {
            expect(error.requestId, scenario).toMatch(/^2025/);
            expect(res.headers.get("x-request-id")).toBe(error.requestId);
          }
        }
      }
      const chained = await (await postChat(app.url, "mock:error-404-newapi-chained")).json();
      expect(chained.error.upstreamMessage).toMatch(/\(request id: (\d+)\) \(request id: (\d+)\)$/);
      expect(chained.error.upstreamMessage.endsWith(`(request id: ${chained.error.requestId})`)).toBe(true);
      expect((await (await postChat(app.url, "mock:error-502-html")).json()).error.upstreamMessage).toBe("502 Bad Gateway");
    });

    test("Stop (the browser disconnecting) aborts the upstream call", async () => {
      const controller = new AbortController();
      const res = await postChat(app.url, "mock:slow", { stream: true }, { signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read();
      await reader.read();
      controller.abort();
      const seen = await mock.waitFor((r) => r.aborted, 5000);
      expect(seen.completed).toBe(false);
    });

    test("an upstream that goes silent mid-stream is cut by the idle timer with an error event", async () => {
      const res = await postChat(app.url, "mock:stall", { stream: true });
      const { text } = await readTimed(res, Date.now());
      const events = dataEvents(text);
      expect(JSON.parse(events[events.length - 1]).error).toMatchObject({ code: "upstream_timeout", status: 504 });
      expect(events.length).toBeGreaterThan(2);
      await mock.waitFor((r) => r.aborted, 3000);
    });

    test("odd streams: relay error events, CRLF and split UTF-8 pass untouched; a reset connection gets an error event", async () => {
      const mid = dataEvents(await (await postChat(app.url, "mock:midstream-error", { stream: true })).text());
      expect(JSON.parse(mid[mid.length - 1]).error.type).toBe("new_api_error");
      const crlf = await (await postChat(app.url, "mock:crlf", { stream: true })).text();
      expect(crlf).toContain("\r\n\r\n");
      const cut = dataEvents(await (await postChat(app.url, "mock:cut", { stream: true })).text());
      expect(cut[cut.length - 1]).not.toBe("[DONE]"); // the browser, not the proxy, tells a cut stream
      const reset = dataEvents(await (await postChat(app.url, "mock:reset", { stream: true })).text());
      expect(JSON.parse(reset[reset.length - 1]).error.code).toBe("stream_interrupted");
      const json = dataEvents(await (await postChat(app.url, "mock:json", { stream: true })).text());
      expect(JSON.parse(json[0]).choices[0].delta.content).toContain("mock answer");
      expect(json[json.length - 1]).toBe("[DONE]");
      const unicode = await (await postChat(app.url, "mock:unicode", { stream: true })).text();
      expect(dataEvents(unicode).slice(1, -2).map((e) => JSON.parse(e).choices[0]?.delta?.content ?? "").join("")).toContain("表情符号");
    });

    test("models and billing are forwarded with the query string; a billing error in a 200 becomes an error", async () => {
      const models = await fetch(`${app.url}/api/openai/v1/models`, { headers: CODE });
      expect(models.status).toBe(200);
      expect((await models.json()).data.length).toBeGreaterThan(0);
      const usage = await fetch(`${app.url}/api/openai/dashboard/billing/usage?start_date=2025-01-01&end_date=2025-02-01`, { headers: CODE });
      expect(await usage.json()).toEqual({ object: "list", total_usage: 1234.5 });
      const seen = await mock.waitFor((r) => r.path.endsWith("/billing/usage"));
      expect(seen.path).toBe("/v1/dashboard/billing/usage");
      expect(seen.query).toEqual({ start_date: "2025-01-01", end_date: "2025-02-01" });
      mock.enqueue({ name: "error-200-body", path: "/v1/dashboard/billing/subscription" });
      const sub = await fetch(`${app.url}/api/openai/v1/dashboard/billing/subscription`, { headers: CODE });
      expect(sub.status).toBe(402);
      expect((await sub.json()).error).toMatchObject({ code: "upstream_token_quota", requestId: expect.stringMatching(/^2025/) });
    });

    test("junk bodies are refused before anything goes upstream", async () => {
      const post = (body: string) =>
        fetch(`${app.url}/api/openai/v1/chat/completions`, { method: "POST", headers: { ...CODE, "content-type": "application/json" }, body });
      for (const body of ["{nope", JSON.stringify({ model: "m" }), JSON.stringify({ messages: [{ role: "user", content: "x" }] })]) {
        const res = await post(body);
        expect(res.status).toBe(400);
        expect((await res.json()).error.code).toBe("bad_request");
      }
      // Past the default MAX_REQUEST_MB of 16 MiB.
      const huge = await post(chatBody("x".repeat(17 * 1024 * 1024)));
      expect(huge.status).toBe(413);
      expect((await huge.json()).error.code).toBe("server_body_limit");
      expect(mock.requests).toHaveLength(0);
    });

    test("the server log never contains an access code or the key", async () => {
      if (process.env.SHOW_SERVER_LOG) console.log(app.output());
      for (const secret of SECRETS) expect(app.output()).not.toContain(secret);
    });
  });

}
