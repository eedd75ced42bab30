import { describe, expect, it } from "vitest";
import { endpointHost, errorRetryReason, FailoverState, HeaderTimeout, responseRetryReason } from "./failover";

const ROOTS = ["https://direct.example.com", "https://cdn.example.com", "http://10.0.0.5:8080/relay"];

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

const sysErr = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
const fetchErr = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: sysErr(code) });

describe("FailoverState", () => {
  it("tries the endpoints in configured order while all are healthy", () => {
    const s = new FailoverState(ROOTS);
    expect(s.order()).toEqual([0, 1, 2]);
    expect(s.snapshot().map((e) => [e.host, e.state, e.failures])).toEqual([
      ["direct.example.com", "ok", 0],
      ["cdn.example.com", "ok", 0],
      ["10.0.0.5:8080", "ok", 0],
    ]);
  });

  it("skips a failed endpoint for its cool-down, then tries it first again", () => {
    const c = clock();
    const s = new FailoverState(ROOTS, { cooldownMs: 60_000, maxCooldownMs: 600_000 }, c.now);
    expect(s.failed(0, "ECONNREFUSED")).toEqual({ kind: "cooldown", host: "direct.example.com", ms: 60_000, reason: "ECONNREFUSED" });
    expect(s.order()).toEqual([1, 2, 0]);
    expect(s.snapshot()[0]).toMatchObject({ state: "cooling", failures: 1, coolingForMs: 60_000, lastError: "ECONNREFUSED", lastFailureAt: c.t });
    c.advance(59_999);
    expect(s.order()).toEqual([1, 2, 0]);
    c.advance(1);
    expect(s.order()).toEqual([0, 1, 2]);
    expect(s.snapshot()[0].state).toBe("ok");
  });

  it("doubles the cool-down per consecutive failure up to the cap, and an answer resets it", () => {
    const c = clock();
    const s = new FailoverState(ROOTS, { cooldownMs: 60_000, maxCooldownMs: 200_000 }, c.now);
    const cooldowns: number[] = [];
    for (let n = 0; n < 4; n++) {
      const event = s.failed(1, "HTTP 502");
      if (event?.kind === "cooldown") cooldowns.push(event.ms);
      c.advance(event?.kind === "cooldown" ? event.ms : 0);
    }
    expect(cooldowns).toEqual([60_000, 120_000, 200_000, 200_000]);
    expect(s.succeeded(1)).toEqual({ kind: "recovered", host: "cdn.example.com" });
    expect(s.snapshot()[1]).toMatchObject({ state: "ok", failures: 0, lastSuccessAt: c.t });
    expect(s.failed(1, "HTTP 502")).toMatchObject({ ms: 60_000 });
  });

  it("does not stretch a running cool-down for failures of requests made meanwhile", () => {
    const c = clock();
    const s = new FailoverState(ROOTS, { cooldownMs: 60_000, maxCooldownMs: 600_000 }, c.now);
    s.failed(0, "ECONNREFUSED");
    c.advance(10_000);
    expect(s.failed(0, "ECONNRESET")).toBeNull();
    expect(s.snapshot()[0]).toMatchObject({ failures: 1, coolingForMs: 50_000, lastError: "ECONNRESET" });
  });

  it("tries every endpoint when all are cooling, the one back soonest first", () => {
    const c = clock();
    const s = new FailoverState(ROOTS, { cooldownMs: 60_000, maxCooldownMs: 600_000 }, c.now);
    s.failed(2, "ENOTFOUND");
    c.advance(1000);
    s.failed(0, "ECONNREFUSED");
    s.failed(0, "x"); // no effect: cooling
    c.advance(1000);
    s.failed(1, "HTTP 524");
    expect(s.order()).toEqual([2, 0, 1]);
  });

  it("reports nothing for an answer from a healthy endpoint (no log line per request)", () => {
    const s = new FailoverState(ROOTS);
    expect(s.succeeded(0)).toBeNull();
  });

  it("names endpoints by host only, never with credentials or path", () => {
    expect(endpointHost("https://user:pass@relay.example.com:8443/base")).toBe("relay.example.com:8443");
    expect(new FailoverState(["https://user:pass@relay.example.com/base"]).snapshot()[0].host).toBe("relay.example.com");
  });
});

describe("which failures move on to the next endpoint", () => {
  it("network failures before any answer: refused, DNS, reset, TLS, connect timeout, header timeout", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET", "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "ERR_SSL_WRONG_VERSION_NUMBER"]) {
      expect(errorRetryReason(fetchErr(code)), code).toBe(code);
      expect(errorRetryReason(sysErr(code)), code).toBe(code);
    }
    expect(errorRetryReason(new HeaderTimeout(2000))).toBe("no response headers within 2000 ms");
    // Happy eyeballs: one AggregateError of per-address failures.
    expect(errorRetryReason(Object.assign(new TypeError("fetch failed"), { cause: new AggregateError([sysErr("ECONNREFUSED"), sysErr("EHOSTUNREACH")]) }))).toBe("ECONNREFUSED");
  });

  it("not our own aborts or unknown errors", () => {
    expect(errorRetryReason(new DOMException("The client went away", "AbortError"))).toBeNull();
    expect(errorRetryReason(new DOMException("The upstream sent nothing for too long", "TimeoutError"))).toBeNull();
    expect(errorRetryReason(new Error("boom"))).toBeNull();
    expect(errorRetryReason("string")).toBeNull();
  });

  it("gateway statuses and HTML pages move on", () => {
    for (const status of [502, 504, 520, 521, 522, 523, 524, 525, 526, 530]) expect(responseRetryReason(status, "application/json")).toBe(`HTTP ${status}`);
    expect(responseRetryReason(502, null)).toBe("HTTP 502");
    expect(responseRetryReason(404, "text/html")).toBe("HTML page (HTTP 404)");
    expect(responseRetryReason(503, "text/html; charset=utf-8")).toBe("HTML page (HTTP 503)");
    expect(responseRetryReason(403, "TEXT/HTML")).toBe("HTML page (HTTP 403)");
  });

  it("a relay's own JSON errors and any success go to the user", () => {
    for (const status of [400, 401, 403, 404, 413, 429, 500, 503]) expect(responseRetryReason(status, "application/json; charset=utf-8"), String(status)).toBeNull();
    expect(responseRetryReason(503, null)).toBeNull();
    expect(responseRetryReason(200, "text/event-stream")).toBeNull();
    expect(responseRetryReason(200, "text/html")).toBeNull();
    expect(responseRetryReason(301, "text/html")).toBeNull();
  });
});
