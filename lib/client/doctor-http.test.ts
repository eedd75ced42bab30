import { describe, expect, it, vi } from "vitest";
import { browserHttp } from "./doctor-http";
import type { NetworkProbe } from "./network-failure";

const call = { url: "https://relay.example/v1/models", method: "GET" as const, headers: {}, timeoutMs: 5000 };
const probe = (online: boolean, reachable: boolean): NetworkProbe => ({ onLine: () => online, reachable: async () => reachable });
const throwing = vi.fn(async () => {
  throw new TypeError("Failed to fetch");
}) as unknown as typeof fetch;

describe("browserHttp", () => {
  it("reads an answer with its status, type, body and request id", async () => {
    const answer = vi.fn(async () => new Response('{"error":{"message":"无效的令牌"}}', { status: 401, headers: { "content-type": "application/json", "x-oneapi-request-id": "2025" } })) as unknown as typeof fetch;
    const r = await browserHttp(probe(true, true), answer)(call);
    expect(r).toMatchObject({ ok: true, answer: { status: 401, contentType: "application/json", text: '{"error":{"message":"无效的令牌"}}', requestId: "2025" } });
  });

  it.each([
    [probe(false, true), "offline"],
    [probe(true, true), "cors"],
    [probe(true, false), "unreachable"],
  ] as const)("names a thrown fetch %#: %s, and no more", async (p, failure) => {
    const r = await browserHttp(p, throwing)(call);
    expect(r).toMatchObject({ ok: false, failure });
  });
});
