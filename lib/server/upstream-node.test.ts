import { EventEmitter } from "node:events";
import net from "node:net";
import { describe, expect, it } from "vitest";
import type { PushBody } from "./push-body";
import { relayUpstreamNode } from "./relay-node";
import { LightAbort, toAbortSignal } from "./upstream-call";
import { headerGetter, requestUpstream, splitUrl } from "./upstream-node";
import { localUpstream, runUpstreamScenarios, sleep, timings } from "./upstream-scenarios.test-support";

// requestUpstream (undici dispatch into a push body, for the node:http fast path); the scenarios
// it shares with fetchUpstream live in upstream-scenarios.test-support.ts.

const local = localUpstream();

async function readAll(body: PushBody): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    body.consume({ data: (c) => ((text += c.toString()), true), end: () => resolve(text), error: reject });
  });
}

describe("splitUrl and headerGetter", () => {
  it("splits our own upstream URLs without parsing them", () => {
    expect(splitUrl("https://relay.example.com/v1/chat/completions")).toEqual({ origin: "https://relay.example.com", path: "/v1/chat/completions" });
    expect(splitUrl("http://127.0.0.1:8787/base/v1/models?x=1")).toEqual({ origin: "http://127.0.0.1:8787", path: "/base/v1/models?x=1" });
    expect(splitUrl("https://relay.example.com")).toEqual({ origin: "https://relay.example.com", path: "/" });
  });

  it("reads Node's header records case-insensitively, joining repeated values", () => {
    const h = headerGetter({ "content-type": "text/plain", "set-cookie": ["a=1", "b=2"] });
    expect(h.get("Content-Type")).toBe("text/plain");
    expect(h.get("set-cookie")).toBe("a=1, b=2");
    expect(h.get("x-missing")).toBeNull();
  });
});

describe("requestUpstream (undici dispatch into a push body)", () => {
  it("relays a stream chunk by chunk through relayUpstreamNode", async () => {
    const start = requestUpstream({ url: `${local.base}/slow`, method: "GET", headers: {} }, { outboundProxy: null });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    const parts: string[] = [];
    await new Promise<void>((resolve) => {
      const out = Object.assign(new EventEmitter(), {
        destroyed: false,
        write: (c: Uint8Array) => (parts.push(Buffer.from(c).toString()), true),
        end: () => resolve(),
      });
      (result.body as { pipe(o: unknown): void }).pipe(out);
    });
    expect(parts.length).toBeGreaterThan(5);
    // A `: ping` is what the relay sends while the upstream is silent, as on a loaded machine it may be.
    expect(parts.join("").replaceAll(": ping\n\n", "")).toBe(Array.from({ length: 20 }, (_, i) => `data: ${i}\n\n`).join(""));
  });

  it("decodes a gzip body as fetch would", async () => {
    const res = await requestUpstream({ url: `${local.base}/gzip`, method: "GET", headers: {} }, { outboundProxy: null })(new LightAbort());
    expect(await readAll(res.body!)).toBe("data: zipped\n\n");
  });

  it("fails at once with the signal's reason when aborted before the answer, and the upstream sees the close", async () => {
    const signal = new LightAbort();
    const pending = requestUpstream({ url: `${local.base}/late`, method: "GET", headers: {} }, { outboundProxy: null })(signal);
    await sleep(100);
    signal.abort(new DOMException("The upstream sent nothing for too long", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    await sleep(100);
    expect(local.received.find((r) => r.url === "/late")?.closedEarly).toBe(true);
  });

  it("an aborted signal fails the body mid-stream with its reason", async () => {
    const signal = new LightAbort();
    const res = await requestUpstream({ url: `${local.base}/slow`, method: "GET", headers: {} }, { outboundProxy: null })(signal);
    const text = readAll(res.body!);
    await sleep(70);
    signal.abort(new DOMException("The client went away", "AbortError"));
    await expect(text).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reports a refused connection with its code", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const start = requestUpstream({ url: `http://127.0.0.1:${closed}/v1/models`, method: "GET", headers: {} }, { outboundProxy: null });
    const err = await relayUpstreamNode(start, { stream: false, timings }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "upstream_unreachable", status: 502 });
    expect((err as { upstreamMessage: string }).upstreamMessage).toContain("ECONNREFUSED");
  });
});

/** Pipes a committed stream into a stand-in ServerResponse and collects what it writes. */
function readNodeStream(stream: { pipe(out: unknown): void }): Promise<string> {
  const parts: string[] = [];
  return new Promise((resolve) => {
    const out = Object.assign(new EventEmitter(), {
      destroyed: false,
      write: (c: Uint8Array) => (parts.push(Buffer.from(c).toString()), true),
      end: () => resolve(parts.join("")),
    });
    stream.pipe(out);
  });
}

runUpstreamScenarios({ name: "requestUpstream", call: requestUpstream, relay: relayUpstreamNode, read: readNodeStream }, local);

describe("LightAbort and toAbortSignal", () => {
  it("fires its listeners once, with the reason kept", () => {
    const a = new LightAbort();
    const calls: string[] = [];
    const gone = () => calls.push("removed");
    a.addEventListener("abort", () => calls.push("one"));
    a.addEventListener("abort", gone);
    a.removeEventListener("abort", gone);
    a.abort(new Error("why"));
    a.abort(new Error("again"));
    expect(calls).toEqual(["one"]);
    expect(a.aborted).toBe(true);
    expect((a.reason as Error).message).toBe("why");
  });

  it("gives fetch a real AbortSignal that follows it", () => {
    const a = new LightAbort();
    const signal = toAbortSignal(a);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    a.abort(new DOMException("t", "TimeoutError"));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
    const real = new AbortController().signal;
    expect(toAbortSignal(real)).toBe(real);
  });
});
