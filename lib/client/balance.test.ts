import { afterEach, describe, expect, it, vi } from "vitest";
import { clearBalanceCache, readBalance } from "./balance";

const server = { via: "server" as const, accessCode: "c0de", apiKey: "", baseUrl: "" };
const own = { via: "direct" as const, accessCode: "", apiKey: "sk-own", baseUrl: "https://relay.example.com/v1" };

function stubFetch(answers: Record<string, { status: number; body: unknown } | Error>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: { headers: Record<string, string> }) => {
    calls.push({ url, headers: init.headers });
    const answer = answers[url.replace(/^.*\/dashboard\/billing\//, "")];
    if (!answer) throw new Error(`unexpected ${url}`);
    if (answer instanceof Error) throw answer;
    return new Response(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body), { status: answer.status });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearBalanceCache();
});

describe("readBalance", () => {
  it("reads subscription and usage through our proxy with the access code, at most once a minute", async () => {
    const calls = stubFetch({ subscription: { status: 200, body: { hard_limit_usd: 20 } }, usage: { status: 200, body: { total_usage: 500 } } });
    let t = 1000;
    const first = await readBalance(server, () => t);
    expect(first).toEqual({ reading: { state: "ok", totalUsd: 20, usedUsd: 5, remainingUsd: 15 }, readAt: 1000 });
    expect(calls.map((c) => c.url)).toEqual(["/api/openai/v1/dashboard/billing/subscription", "/api/openai/v1/dashboard/billing/usage"]);
    expect(calls[0].headers).toEqual({ "x-access-code": "c0de" });
    t += 59_999;
    expect(await readBalance(server, () => t)).toBe(first);
    expect(calls).toHaveLength(2);
    t += 1;
    await readBalance(server, () => t);
    expect(calls).toHaveLength(4);
  });

  it("calls the user's own endpoint with the own key, and skips usage when there is no balance", async () => {
    const calls = stubFetch({ subscription: { status: 404, body: { error: { message: "Invalid URL" } } } });
    expect((await readBalance(own)).reading).toEqual({ state: "unsupported" });
    expect(calls).toEqual([{ url: "https://relay.example.com/v1/dashboard/billing/subscription", headers: { Authorization: "Bearer sk-own" } }]);
  });

  it("says the browser could not call the own endpoint (CORS or unreachable)", async () => {
    stubFetch({ subscription: new TypeError("Failed to fetch") });
    expect(await readBalance(own)).toMatchObject({ reading: { state: "error", message: "Failed to fetch" }, blocked: true });
  });
});
