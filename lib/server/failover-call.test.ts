import { afterEach, describe, expect, it, vi } from "vitest";
import { FailoverState } from "./failover";
import { failoverSnapshot, failoverStart, failoverState, withFailover } from "./failover-call";
import type { StartUpstream, UpstreamResponse } from "./relay";
import { LightAbort } from "./upstream-call";

// failoverStart over scripted calls; the same rows against real sockets, through both adapters,
// are in upstream-scenarios.test-support.ts.

const refused = () => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }) });
const answer = (status: number, contentType = "application/json"): UpstreamResponse<null> => ({ status, headers: new Headers({ "content-type": contentType }), body: null });

function scripted(...outcomes: (UpstreamResponse<null> | Error)[]) {
  const calls: number[] = [];
  const starts: StartUpstream<null>[] = outcomes.map((o, i) => async () => {
    calls.push(i);
    if (o instanceof Error) throw o;
    return o;
  });
  return { starts, calls };
}

const env = (baseUrls: string[]) => ({ baseUrls, failoverCooldownMs: 60_000, failoverHeaderTimeoutMs: 2000, outboundProxy: null });

afterEach(() => vi.restoreAllMocks());

describe("failoverStart", () => {
  it("logs one line when an endpoint cools down and one when it answers again, by host only", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const state = new FailoverState(["https://user:pw@a.example.com/secret-path", "https://b.example.com"]);
    const first = scripted(refused(), answer(200));
    expect((await failoverStart(state, first.starts, 0)(new LightAbort())).status).toBe(200);
    expect(first.calls).toEqual([0, 1]);
    // a is cooling: b goes first; it answers with a gateway page, so a is tried after all, and answers.
    const second = scripted(answer(200), answer(502, "text/html"));
    expect((await failoverStart(state, second.starts, 0)(new LightAbort())).status).toBe(200);
    expect(second.calls).toEqual([1, 0]);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines).toEqual([
      "[failover] a.example.com failed (ECONNREFUSED): skipped for 60 s",
      "[failover] b.example.com failed (HTTP 502): skipped for 60 s",
      "[failover] a.example.com answers again",
    ]);
    expect(lines.join("\n")).not.toMatch(/user|pw|secret-path|10\.0\.0\.1/);
  });

  it("does not move on when the browser left: the call's own abort is nobody's failure", async () => {
    const state = new FailoverState(["https://a.example.com", "https://b.example.com"]);
    const signal = new LightAbort();
    const { starts, calls } = scripted(new DOMException("The client went away", "AbortError"), answer(200));
    signal.abort(new DOMException("The client went away", "AbortError"));
    await expect(failoverStart(state, starts, 0)(signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(calls).toEqual([0]);
    expect(state.snapshot().map((s) => s.state)).toEqual(["ok", "ok"]);
  });

  it("does not move on once the relay has committed the stream", async () => {
    const state = new FailoverState(["https://a.example.com", "https://b.example.com"]);
    const { starts, calls } = scripted(refused(), answer(200));
    await expect(failoverStart(state, starts, 0)(new LightAbort(), () => true)).rejects.toMatchObject({ message: "fetch failed" });
    expect(calls).toEqual([0]);
    // The endpoint still failed, so it cools down for the next request.
    expect(state.snapshot()[0].state).toBe("cooling");
  });

  it("aborts a discarded answer's attempt, so its connection closes", async () => {
    const state = new FailoverState(["https://a.example.com", "https://b.example.com"]);
    const signals: LightAbort[] = [];
    const starts: StartUpstream<null>[] = [answer(504, "text/html"), answer(200)].map((res) => async (signal) => {
      signals.push(signal as LightAbort);
      return res;
    });
    expect((await failoverStart(state, starts, 0)(new LightAbort())).status).toBe(200);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });
});

describe("withFailover and the shared state", () => {
  it("calls a single endpoint exactly as before, without a wrapper", () => {
    const direct: StartUpstream<null> = async () => answer(200);
    const make = vi.fn(() => direct);
    const request = { url: "https://a.example.com/v1/models", method: "GET" as const, headers: {} };
    expect(withFailover(request, undefined, env(["https://a.example.com"]), make)).toBe(direct);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("builds one call per endpoint URL with the same method, headers and body", () => {
    const make = vi.fn((): StartUpstream<null> => async () => answer(200));
    const body = new Uint8Array([1, 2]);
    withFailover({ url: "https://a.example.com/v1/x", method: "POST", headers: { a: "1" }, body }, ["https://a.example.com/v1/x", "https://b.example.com/v1/x"], env(["https://a.example.com", "https://b.example.com"]), make);
    expect(make.mock.calls.map((c) => (c as unknown as [{ url: string; body: Uint8Array }])[0])).toEqual([
      { url: "https://a.example.com/v1/x", method: "POST", headers: { a: "1" }, body },
      { url: "https://b.example.com/v1/x", method: "POST", headers: { a: "1" }, body },
    ]);
  });

  it("keeps one state per process and endpoint list, which the snapshot reads", () => {
    const e = env(["https://a.example.com", "https://b.example.com"]);
    const state = failoverState(e);
    expect(failoverState({ ...e })).toBe(state);
    state.failed(1, "HTTP 524");
    expect(failoverSnapshot(e)).toMatchObject([{ host: "a.example.com", state: "ok" }, { host: "b.example.com", state: "cooling", lastError: "HTTP 524" }]);
    expect(failoverState(env(["https://c.example.com"]))).not.toBe(state);
  });
});
