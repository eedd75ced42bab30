import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchModelList } from "./models";

const configured = { models: [{ id: "gpt-4o-mini" }, { id: "gpt-4o" }], defaultModel: "gpt-4o-mini", restricted: false };
const direct = { via: "direct" as const, accessCode: "", apiKey: "sk-own", baseUrl: "https://relay.example/v1/" };
const server = { via: "server" as const, accessCode: "c0de", apiKey: "", baseUrl: "" };

function stubFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer(url, init);
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchModelList", () => {
  it("own key: reads the own endpoint's list with the own key", async () => {
    const calls = stubFetch(() => Response.json({ object: "list", data: [{ id: "a" }, { id: "b" }] }));
    const list = await fetchModelList(direct, configured);
    expect(calls[0].url).toBe("https://relay.example/v1/models");
    expect(calls[0].init.headers).toEqual({ Authorization: "Bearer sk-own" });
    expect(list.models).toEqual([{ id: "a", listed: true }, { id: "b", listed: true }]);
    expect(list.live).toMatchObject({ ok: true, count: 2 });
  });

  it("own key: an HTML page or a refused connection keeps the configured list, with the reason", async () => {
    stubFetch(() => new Response("<html><title>Just a moment...</title></html>", { status: 403, headers: { "content-type": "text/html" } }));
    const html = await fetchModelList(direct, configured);
    expect(html.models).toEqual(configured.models);
    expect(html.live).toMatchObject({ ok: false, error: { status: 403 } });
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect((await fetchModelList(direct, configured)).live).toMatchObject({ ok: false, error: { code: "direct_unreachable" } });
  });

  it("server: asks /api/models with the access code, refresh=1 on refresh", async () => {
    const calls = stubFetch(() => Response.json({ models: [{ id: "x", listed: true }], defaultModel: "x", restricted: true, live: { ok: true, count: 1, fetchedAt: 5 } }));
    const list = await fetchModelList(server, configured, true);
    expect(calls[0].url).toBe("/api/models?refresh=1");
    expect(calls[0].init.headers).toEqual({ "x-access-code": "c0de" });
    expect(list).toEqual({ models: [{ id: "x", listed: true }], defaultModel: "x", restricted: true, live: { ok: true, count: 1, fetchedAt: 5 } });
  });

  it("server: a refused code keeps the configured list and says why", async () => {
    stubFetch(() => Response.json({ error: { code: "access_code_invalid", status: 401, message: "no" } }, { status: 401 }));
    const list = await fetchModelList(server, configured);
    expect(list.models).toEqual(configured.models);
    expect(list.live).toMatchObject({ ok: false, error: { code: "access_code_invalid" } });
  });
});
