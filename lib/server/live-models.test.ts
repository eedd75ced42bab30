import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { ListCache, type LiveRead, readLiveModels, serverModelList } from "./live-models";
import type { StartUpstream } from "./relay";

const env = parseEnv({ BASE_URL: "http://127.0.0.1:9/v1", OPENAI_API_KEY: "sk-live", CUSTOM_MODELS: "+my-alias,-dall-e-3" });

function answer(status: number, text: string, contentType = "application/json"): StartUpstream {
  return async () => ({ status, headers: new Headers({ "content-type": contentType }), body: new Blob([text]).stream() });
}
const list = (ids: string[]) => JSON.stringify({ object: "list", data: ids.map((id) => ({ id, object: "model" })) });
const freshCache = () => new ListCache<LiveRead>({ ttlMs: 1000, errorTtlMs: 1000, minIntervalMs: 0, now: () => 0 });

describe("readLiveModels", () => {
  it("reads the list", async () => {
    expect(await readLiveModels(env, answer(200, list(["gpt-4o", "dall-e-3"])))).toEqual({ ok: true, ids: ["gpt-4o", "dall-e-3"] });
  });

  it("names why a list could not be read", async () => {
    const cases: [StartUpstream, string][] = [
      [answer(404, "<html><title>404 Not Found</title></html>", "text/html"), "upstream_not_found"],
      [answer(200, "<html><title>Login</title></html>", "text/html"), "upstream_html"],
      [answer(401, JSON.stringify({ error: { message: "无效的令牌", type: "one_api_error" } })), "upstream_auth"],
      [answer(200, JSON.stringify({ error: { message: "无效的令牌", type: "one_api_error" } })), "upstream_auth"],
      [answer(200, '{"hello":"world"}'), "upstream_bad_response"],
      [async () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })), "upstream_unreachable"],
    ];
    for (const [start, code] of cases) {
      const read = await readLiveModels(env, start);
      expect(read.ok ? "ok" : read.error.code).toBe(code);
    }
  });

  it("without a server key asks nothing", async () => {
    let called = false;
    const read = await readLiveModels(parseEnv({}), async () => {
      called = true;
      throw new Error("no");
    });
    expect(read).toMatchObject({ ok: false, error: { code: "not_configured" } });
    expect(called).toBe(false);
  });

  it("calls BASE_URL's models path with the server key", async () => {
    const seen: { url?: string; auth?: string }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" }).end(list(["from-server"]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const read = await readLiveModels(parseEnv({ BASE_URL: `http://127.0.0.1:${port}/v1/chat/completions`, OPENAI_API_KEY: "sk-live" }));
      expect(read).toEqual({ ok: true, ids: ["from-server"] });
      expect(seen).toEqual([{ url: "/v1/models", auth: "Bearer sk-live" }]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("serverModelList", () => {
  it("merges the live list with CUSTOM_MODELS and says it was read", async () => {
    const res = await serverModelList(env, { start: answer(200, list(["gpt-4o", "dall-e-3"])), cache: freshCache() });
    expect(res.models).toEqual([{ id: "gpt-4o", listed: true }, { id: "my-alias", listed: false }]);
    expect(res.live).toEqual({ ok: true, count: 2, fetchedAt: 0 });
    expect(res.restricted).toBe(false);
  });

  it("keeps the configured list when the live one fails, with the reason", async () => {
    const res = await serverModelList(env, { start: answer(502, "<html><title>502 Bad Gateway</title></html>", "text/html"), cache: freshCache() });
    expect(res.models.map((m) => m.id)).toContain("gpt-4o-mini");
    expect(res.models.map((m) => m.id)).toContain("my-alias");
    expect(res.live).toMatchObject({ ok: false, error: { code: "upstream_html", status: 502 } });
  });

  it("serves the cache until refreshed", async () => {
    const cache = freshCache();
    let calls = 0;
    const start: StartUpstream = async (signal) => answer(200, list([`m${++calls}`]))(signal);
    expect((await serverModelList(env, { start, cache })).models[0].id).toBe("m1");
    expect((await serverModelList(env, { start, cache })).models[0].id).toBe("m1");
    expect((await serverModelList(env, { start, cache, refresh: true })).models[0].id).toBe("m2");
  });
});
