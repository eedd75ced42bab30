// A mock OpenAI-compatible upstream (OpenAI, one-api, new-api shapes) for e2e tests and `npm run demo`.
// Plain ESM: `node e2e/mock-upstream.mjs --port 8787` serves it standalone on 127.0.0.1.
// Types: e2e/mock-upstream.d.ts. Scenarios: e2e/mock-scenarios.mjs. Answers: e2e/mock-stream.mjs.
import http from "node:http";
import { pathToFileURL } from "node:url";
import { errorResponse, resolveScenario, SCENARIO_NAMES } from "./mock-scenarios.mjs";
import { completionJson, lastUserText, planAnswer, streamEvents } from "./mock-stream.mjs";
import { sitePage } from "./mock-site.mjs";

export { SCENARIO_NAMES };

// One or more of each family the model picker groups by, and a relay alias no name reveals.
const MODELS = ["gpt-4o-mini", "gpt-4o", "deepseek-chat", "deepseek-reasoner", "mock-model", "claude-3-5-sonnet", "gemini-2.0-flash", "qwen-max", "gpt4-all"];
const DIRECTIVE = /\bmock:([a-z0-9-]+)/i;
// "/v1/x" and "/x" are the same endpoint, as on one-api.
const norm = (path) => path.replace(/^\/v1(?=\/)/, "");

/**
 * Where the API lives: "both" (at the root and under /v1, as one-api), "v1" (only under /v1),
 * "root" (only at the root), "none", or a path prefix such as "/api/paas/v4" (Zhipu's form, no /v1).
 * The path an API request names, without that prefix; null when it is not an API path.
 */
function apiPathOf(path, apiAt) {
  if (apiAt === "both") return norm(path);
  if (apiAt === "v1") return path.startsWith("/v1/") ? path.slice(3) : null;
  if (apiAt === "root") return path.startsWith("/v1/") ? null : path;
  if (apiAt === "none") return null;
  return path.startsWith(`${apiAt}/`) ? path.slice(apiAt.length) : null;
}

export async function startMockUpstream({ port = 0, host = "127.0.0.1", log = false, cors = true, scenario: defaultScenario, apiAt = "both", site = "none" } = {}) {
  // Loopback only: the mock accepts any key and must never be reachable from the network.
  if (host !== "127.0.0.1") throw new Error("mock-upstream listens on 127.0.0.1 only");
  const requests = [];
  const queue = [];
  const timers = new Set();
  // A scenario every chat completion gets unless one is queued (e.g. one failover endpoint that is always down).
  const fallback = defaultScenario ? resolveScenario(defaultScenario) : null;
  if (defaultScenario && !fallback) throw new Error(`mock-upstream: unknown scenario "${defaultScenario}"`);
  const sockets = new Set();
  const stalls = new Set();
  let seq = 0;
  let closing = false;
  let models = MODELS;

  const sleep = (ms) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function take(apiPath) {
    const i = queue.findIndex((s) => norm(s.path ?? "/v1/chat/completions") === apiPath);
    return i < 0 ? null : queue.splice(i, 1)[0];
  }

  function sendJson(res, status, body, headers = {}) {
    if (res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  }

  function sendError(res, scenario) {
    const e = typeof scenario.error === "string" ? errorResponse(scenario.error) : scenario;
    if (res.destroyed) return;
    res.writeHead(e.status ?? 500, { "Content-Type": e.contentType ?? "application/json; charset=utf-8", ...(e.headers ?? {}) });
    res.end(typeof e.body === "string" ? e.body : JSON.stringify(e.body ?? {}));
  }

  async function chat(res, record, queued) {
    const body = record.body && typeof record.body === "object" ? record.body : {};
    const directive = DIRECTIVE.exec(lastUserText(body))?.[1];
    const scenario = queued ?? fallback ?? (directive && resolveScenario(directive)) ?? { kind: "stream" };
    record.scenario = queued?.name ?? (fallback ? defaultScenario : undefined) ?? directive ?? "stream";
    if (scenario.kind === "error") {
      if (scenario.delayMs) await sleep(scenario.delayMs);
      return sendError(res, scenario);
    }
    const plan = planAnswer(body, scenario, seq);
    // What the mock bills for this answer, so tests can compare the client's figures with it.
    record.usage = plan.usage;
    if (scenario.kind === "json" || body.stream !== true) {
      if (scenario.headersDelayMs) await sleep(scenario.headersDelayMs);
      return sendJson(res, 200, completionJson(plan), { "X-Request-Id": `req_mock_${record.id}` });
    }
    // `noUsage`: a relay that drops the usage chunk even when asked (RELAYS.md: one-api, new-api).
    return stream(res, record, plan, scenario, body.stream_options?.include_usage === true && !scenario.noUsage);
  }

  async function stream(res, record, plan, scenario, includeUsage) {
    const gone = () => closing || res.destroyed || res.writableEnded;
    if (scenario.headersDelayMs) await sleep(scenario.headersDelayMs);
    if (gone()) return;
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Request-Id": `req_mock_${record.id}`,
      // "reset" keeps chunked encoding, so destroying the socket is a visible error, not a clean EOF.
      ...(scenario.cut ? { Connection: "close" } : {}),
    });
    res.flushHeaders();
    if (scenario.bodyDelayMs) await sleep(scenario.bodyDelayMs);
    const nl = scenario.crlf ? "\r\n" : "\n";
    const frame = (payload) => `data: ${payload}${nl}${nl}`;
    const { events, content, finish, usage } = streamEvents(plan, scenario, includeUsage);
    const broken = scenario.cut || scenario.reset || scenario.stall || scenario.midstreamError;
    const parts = [...events, ...content.slice(0, broken ? Math.max(1, Math.floor(content.length / 2)) : content.length)].map(frame);
    if (!broken) parts.push(frame(finish), ...(usage ? [frame(usage)] : []), frame("[DONE]"));
    // A relay ending a refused answer with [DONE] and nothing else.
    if (scenario.onlyDone) parts.splice(0, parts.length, frame("[DONE]"));
    if (scenario.midstreamError) {
      const id = `2025010112000000${String(record.id).padStart(4, "0")}`;
      parts.push(frame(JSON.stringify({ error: { message: `当前分组上游负载已饱和，请稍后再试 (request id: ${id})`, type: "new_api_error", code: "bad_response" } })));
    }
    const delay = scenario.chunkDelayMs ?? plan.chunkDelayMs ?? 8;
    let pieces = parts;
    if (scenario.byteSplit) {
      // Cut the byte stream anywhere: inside lines, JSON and multi-byte characters.
      const all = Buffer.from(parts.join(""), "utf8");
      pieces = [];
      for (let i = 0; i < all.length; i += scenario.byteSplit) pieces.push(all.subarray(i, i + scenario.byteSplit));
    }
    for (let i = 0; i < pieces.length; i++) {
      if (gone()) return;
      if (i > 0) await sleep(delay);
      if (gone()) return;
      if (scenario.pings && i > 0) res.write(`: PING${nl}${nl}`);
      // performance.timeOrigin + now(): sub-millisecond, and comparable with another process's.
      if (scenario.stamp) res.write(`: t=${(performance.timeOrigin + performance.now()).toFixed(3)}${nl}${pieces[i]}`);
      else res.write(pieces[i]);
      // Benchmarks compare this with the moment the page shows the answer as done (same clock).
      if (i === pieces.length - 1) record.lastChunkAt = Date.now();
      record.chunksSent = i + 1;
    }
    if (scenario.reset) {
      record.resetByServer = true;
      res.socket?.destroy();
      return;
    }
    if (scenario.stall) {
      // Silence until the client (or close()) gives up: exercises the proxy's idle timeout.
      await new Promise((resolve) => {
        stalls.add(resolve);
        res.once("close", resolve);
      });
      return;
    }
    if (!gone()) res.end();
  }

  async function route(req, res, record) {
    const path = apiPathOf(record.path, apiAt);
    // Anything but the API: the site's page (a web site, a login page, a CDN's error page), or a 404.
    if (path === null) {
      if (site === "none") return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${record.path})`, type: "invalid_request_error", param: null, code: null } });
      const page = sitePage(site);
      record.scenario = `site-${site}`;
      if (res.destroyed) return;
      res.writeHead(page.status, { "Content-Type": "text/html; charset=utf-8", ...page.headers });
      return res.end(page.body);
    }
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return sendError(res, { error: "error-401-oneapi-no-token" });
    const queued = take(path);
    if (req.method === "POST" && path === "/chat/completions") return chat(res, record, queued);
    if (queued) {
      record.scenario = queued.name ?? queued.kind;
      if (queued.delayMs) await sleep(queued.delayMs);
      return sendError(res, queued);
    }
    if (req.method === "GET" && path === "/models") {
      return sendJson(res, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 1700000000, owned_by: "mock" })) });
    }
    if (req.method === "GET" && path === "/dashboard/billing/subscription") {
      return sendJson(res, 200, { object: "billing_subscription", has_payment_method: true, soft_limit_usd: 100, hard_limit_usd: 100, system_hard_limit_usd: 100, access_until: 0 });
    }
    if (req.method === "GET" && path === "/dashboard/billing/usage") return sendJson(res, 200, { object: "list", total_usage: 1234.5 });
    return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${record.path})`, type: "invalid_request_error", param: null, code: null } });
  }

  const server = http.createServer((req, res) => {
    // Like api.openai.com, answer CORS so a browser in "own key" mode can call the mock directly;
    // `cors: false` is a relay that does not, so the browser refuses the page its answers.
    if (cors) {
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader("Access-Control-Expose-Headers", "x-request-id, x-oneapi-request-id");
    }
    if (cors && req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "authorization, content-type",
        "Access-Control-Max-Age": "600",
      });
      return res.end();
    }
    const url = new URL(req.url ?? "/", "http://mock");
    const record = { id: ++seq, method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, body: null, at: Date.now(), aborted: false, completed: false };
    requests.push(record);
    res.on("finish", () => (record.completed = true));
    res.on("close", () => {
      if (!res.writableFinished && !record.resetByServer && !closing) record.aborted = true;
    });
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        record.body = text ? JSON.parse(text) : null;
      } catch {
        record.body = text;
      }
      route(req, res, record)
        .catch((err) => {
          if (!res.headersSent) sendJson(res, 500, { error: { message: `mock failure: ${err.message}`, type: "mock_error" } });
          else res.destroy();
        })
        .finally(() => log && console.log(`[mock] ${record.method} ${record.path} ${record.scenario ?? ""} → ${res.statusCode}`));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    requests,
    enqueue(scenario) {
      if (typeof scenario === "string") {
        const resolved = resolveScenario(scenario);
        if (!resolved) throw new Error(`mock-upstream: unknown scenario "${scenario}"`);
        queue.push({ ...resolved, name: scenario });
      } else {
        const { name, ...rest } = scenario;
        const resolved = name ? resolveScenario(name) : null;
        if (name && !resolved) throw new Error(`mock-upstream: unknown scenario "${name}"`);
        queue.push({ ...(resolved ?? {}), ...rest, name: name ?? rest.kind });
      }
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      models = MODELS;
    },
    setModels(ids) {
      models = ids ? [...ids] : MODELS;
    },
    async waitFor(predicate, timeout = 5000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = requests.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`mock-upstream: no matching request within ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const resolve of stalls) resolve();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// No top-level await: the module must stay loadable with require() (Playwright's CommonJS transform).
async function main() {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  // --api-at v1|root|/api/paas/v4 and --site website|login|cdn-error: a relay the connection doctor should catch.
  const mock = await startMockUpstream({ port: Number(arg("port", "8787")), log: !process.argv.includes("--quiet"), cors: !process.argv.includes("--no-cors"), apiAt: arg("api-at", "both"), site: arg("site", "none") });
  console.log(`mock upstream listening on ${mock.url} (scenarios: mock:<name> in a message; ${SCENARIO_NAMES.length} available)`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
