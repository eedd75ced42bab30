import { describe, expect, it } from "vitest";
import { connectFailure, reachStep } from "./reach";
import { answer } from "./test-answers.test-support";

// undici wraps socket errors: TypeError("fetch failed") with the system error as its cause.
const fetchFailed = (cause: object) => Object.assign(new TypeError("fetch failed"), { cause });
const sys = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("connectFailure", () => {
  it.each([
    [fetchFailed(sys("ENOTFOUND", "getaddrinfo ENOTFOUND relay.invalid")), "dns", "ENOTFOUND"],
    [fetchFailed(sys("EAI_AGAIN")), "dns", "EAI_AGAIN"],
    [fetchFailed(Object.assign(new AggregateError([sys("ECONNREFUSED"), sys("ECONNREFUSED")]), { code: "ECONNREFUSED" })), "refused", "ECONNREFUSED"],
    [fetchFailed(sys("CERT_HAS_EXPIRED", "certificate has expired")), "tls", "CERT_HAS_EXPIRED"],
    [fetchFailed(sys("DEPTH_ZERO_SELF_SIGNED_CERT")), "tls", "DEPTH_ZERO_SELF_SIGNED_CERT"],
    [fetchFailed(sys("ERR_TLS_CERT_ALTNAME_INVALID")), "tls", "ERR_TLS_CERT_ALTNAME_INVALID"],
    [fetchFailed(sys("UND_ERR_CONNECT_TIMEOUT")), "timeout", "UND_ERR_CONNECT_TIMEOUT"],
    [fetchFailed(sys("ECONNRESET", "other side closed")), "reset", "ECONNRESET"],
    [fetchFailed(sys("EHOSTUNREACH")), "network", "EHOSTUNREACH"],
  ])("reads %s as %s", (err, failure, detail) => {
    expect(connectFailure(err)).toEqual({ failure, detail });
  });

  it("reads an abort for time as a timeout, and an unknown error as other", () => {
    expect(connectFailure(new DOMException("The operation timed out", "TimeoutError")).failure).toBe("timeout");
    expect(connectFailure(new Error("boom"))).toEqual({ failure: "other", detail: undefined });
  });
});

describe("reachStep", () => {
  it("is ok when anything answered, whatever the status", () => {
    const r = reachStep("relay.example", answer(401, "{}"));
    expect(r).toMatchObject({ step: "reach", status: "ok", finding: { key: "reach.ok", values: { host: "relay.example", status: 401 } } });
  });

  it.each(["dns", "refused", "tls", "timeout", "reset", "network", "other", "offline", "cors", "unreachable"] as const)("fails with its own finding and fix for %s", (failure) => {
    const r = reachStep("relay.example", { ok: false, failure, ms: 30, detail: "X" }, "https://relay.example/v1/models");
    expect(r.status).toBe("fail");
    expect(r.finding.key).toBe(`reach.${failure}`);
    expect(r.fix?.key).toBe(`reach.fix.${failure}`);
    expect(r.fix?.values?.url).toBe("https://relay.example/v1/models");
  });
});
