import { describe, expect, it } from "vitest";
import { accessErrorHeaders, accessErrorResponse, checkAccess, codeMatches, requiresAccessCode } from "./access";
import { PEER_HEADER } from "./client-address";
import { digestCode, parseEnv } from "./env";
import { LockoutStore } from "./lockout-store";
import { installPeerAddressHook } from "./peer-address";

installPeerAddressHook(); // as instrumentation.ts does in the server

const env = parseEnv({ CODE: "secret1,secret2", ACCESS_MAX_FAILURES: "3", ACCESS_WINDOW_MS: "60000" });
const fresh = () => new LockoutStore({ maxFailures: 3, windowMs: 60_000, log: () => {} });
const req = (headers: Record<string, string>, extra: Partial<{ method: string; pathname: string; now: number }> = {}) => ({
  method: extra.method ?? "POST",
  pathname: extra.pathname ?? "/api/openai/v1/chat/completions",
  headers: new Headers({ [PEER_HEADER]: "198.51.100.1", ...headers }),
  now: extra.now ?? 1_000_000,
});

describe("codeMatches", () => {
  const digests = [digestCode("secret1"), digestCode("secret2")];
  it("accepts each configured code and nothing else", async () => {
    expect(codeMatches("secret1", digests)).toBe(true);
    expect(codeMatches("secret2", digests)).toBe(true);
    expect(codeMatches("secret", digests)).toBe(false);
    expect(codeMatches("secret1 ", digests)).toBe(false);
    expect(codeMatches("", digests)).toBe(false);
    expect(codeMatches("x".repeat(10_000), digests)).toBe(false);
  });
});

describe("requiresAccessCode", () => {
  it("leaves GET /api/config and /api/health open, nothing else", async () => {
    expect(requiresAccessCode("GET", "/api/config")).toBe(false);
    expect(requiresAccessCode("HEAD", "/api/health")).toBe(false);
    expect(requiresAccessCode("POST", "/api/config")).toBe(true);
    expect(requiresAccessCode("GET", "/api/config/x")).toBe(true);
    expect(requiresAccessCode("POST", "/api/access")).toBe(true);
    expect(requiresAccessCode("GET", "/api/openai/v1/models")).toBe(true);
  });
});

describe("checkAccess", () => {
  it("lets everything through when CODE is empty", async () => {
    expect(await checkAccess(req({}), parseEnv({}), fresh())).toBeNull();
  });

  it("lets open endpoints through without a code", async () => {
    expect(await checkAccess(req({}, { method: "GET", pathname: "/api/config" }), env, fresh())).toBeNull();
  });

  it("requires a code, rejects a wrong one, accepts both right ones", async () => {
    const l = fresh();
    expect((await checkAccess(req({}), env, l))?.code).toBe("access_code_required");
    expect((await checkAccess(req({ "x-access-code": "nope" }), env, l))?.code).toBe("access_code_invalid");
    expect(await checkAccess(req({ "x-access-code": "secret1" }), env, l)).toBeNull();
    expect(await checkAccess(req({ "x-access-code": "secret2" }), env, l)).toBeNull();
  });

  it("never takes a bearer token as a way past the code", async () => {
    const l = fresh();
    expect((await checkAccess(req({ authorization: "Bearer secret1" }), env, l))?.code).toBe("access_code_required");
    expect((await checkAccess(req({ authorization: "Bearer sk-anything", "x-access-code": "bad" }), env, l))?.code).toBe("access_code_invalid");
  });

  it("locks an address out after ACCESS_MAX_FAILURES wrong codes, even for a right code", async () => {
    const l = fresh();
    for (let i = 0; i < 3; i++) expect((await checkAccess(req({ "x-access-code": `bad${i}` }), env, l))?.status).toBe(401);
    const locked = await checkAccess(req({ "x-access-code": "secret1" }, { now: 1_010_000 }), env, l);
    expect(locked?.code).toBe("access_locked");
    expect(locked?.status).toBe(429);
    const res = accessErrorResponse(locked!);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("50");
    // another address is unaffected
    expect(await checkAccess(req({ "x-access-code": "secret1", [PEER_HEADER]: "198.51.100.2" }), env, l)).toBeNull();
    // after the window the right code works again
    expect(await checkAccess(req({ "x-access-code": "secret1" }, { now: 1_000_000 + 60_001 }), env, l)).toBeNull();
  });

  it("does not let a spoofed X-Forwarded-For dodge the lock-out without TRUST_PROXY", async () => {
    const l = fresh();
    for (let i = 0; i < 3; i++) await checkAccess(req({ "x-access-code": "bad", "x-forwarded-for": `10.0.0.${i}` }), env, l);
    expect((await checkAccess(req({ "x-access-code": "bad", "x-forwarded-for": "10.0.0.99" }), env, l))?.code).toBe("access_locked");
  });

  it("keys on the proxy-supplied address with TRUST_PROXY", async () => {
    const trusting = parseEnv({ CODE: "secret1", ACCESS_MAX_FAILURES: "3", TRUST_PROXY: "1" });
    const l = fresh();
    for (let i = 0; i < 3; i++) await checkAccess(req({ "x-access-code": "bad", "x-forwarded-for": "6.6.6.6, 198.51.100.50" }), trusting, l);
    expect((await checkAccess(req({ "x-access-code": "secret1", "x-forwarded-for": "7.7.7.7, 198.51.100.50" }), trusting, l))?.code).toBe("access_locked");
    expect(await checkAccess(req({ "x-access-code": "secret1", "x-forwarded-for": "198.51.100.51" }), trusting, l)).toBeNull();
  });

  it("keys on the socket address the fast path passes, not on PEER_HEADER or X-Forwarded-For", async () => {
    const l = fresh();
    const from = (address: string, code: string, xff = "10.1.1.1") => ({ ...req({ "x-access-code": code, "x-forwarded-for": xff }), peerAddress: address });
    for (let i = 0; i < 3; i++) await checkAccess(from("203.0.113.5", "bad", `10.1.1.${i}`), env, l);
    expect((await checkAccess(from("203.0.113.5", "secret1"), env, l))?.code).toBe("access_locked");
    // the hook's header (198.51.100.1 in req()) is not what counts here
    expect(await checkAccess(req({ "x-access-code": "secret1" }), env, l)).toBeNull();
    expect(await checkAccess(from("203.0.113.6", "secret1"), env, l)).toBeNull();
  });

  it("gives the refusal headers for a node:http answer", async () => {
    const l = fresh();
    expect(accessErrorHeaders((await checkAccess(req({}), env, l))!)).toEqual({ "WWW-Authenticate": 'AccessCode header="x-access-code"' });
    for (let i = 0; i < 3; i++) await checkAccess(req({ "x-access-code": "bad" }), env, l);
    expect(accessErrorHeaders((await checkAccess(req({ "x-access-code": "bad" }), env, l))!)).toEqual({ "Retry-After": "60" });
  });

  it("answers 401 as project JSON", async () => {
    const res = accessErrorResponse((await checkAccess(req({}), env, fresh()))!);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: { code: "access_code_required", status: 401, message: expect.any(String) } });
  });
});
