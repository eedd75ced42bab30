import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { PushBody } from "./push-body";
import type { RelayResult, StartUpstream } from "./relay";
import { type NodeOut, type NodeSseStream, relayUpstreamNode } from "./relay-node";
import { LightAbort, type AbortLike } from "./upstream-call";

// The same scenarios as relay.test.ts (web streams), over push bodies and a ServerResponse-like sink.

const timings = { firstBytePingMs: 60, pingIntervalMs: 25, idleTimeoutMs: 400 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Step = string | { wait: number } | { fail: Error } | "hang";

interface Script {
  headersAfterMs?: number;
  status?: number;
  headers?: Record<string, string>;
  steps?: Step[];
  reject?: Error;
}

interface Seen {
  signal?: AbortLike;
  paused: number;
  resumed: number;
  aborted?: Error;
}

/** A scripted upstream that honours the abort signal like upstream-node.ts does. */
function fake(script: Script): { start: StartUpstream<PushBody>; seen: Seen } {
  const seen: Seen = { paused: 0, resumed: 0 };
  const start: StartUpstream<PushBody> = (signal) => {
    seen.signal = signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) return reject(signal.reason);
        if (script.reject) return reject(script.reject);
        let stopped = false;
        const body = new PushBody({
          pause: () => seen.paused++,
          resume: () => seen.resumed++,
          abort: (reason) => {
            stopped = true;
            seen.aborted = reason;
          },
        });
        signal.addEventListener("abort", () => body.error(signal.reason), { once: true });
        resolve({ status: script.status ?? 200, headers: new Headers(script.headers ?? { "content-type": "text/event-stream" }), body });
        void (async () => {
          for (const step of script.steps ?? []) {
            if (signal.aborted || stopped) return;
            if (step === "hang") return;
            if (typeof step === "string") body.push(Buffer.from(step));
            else if ("wait" in step) await sleep(step.wait);
            else return body.error(step.fail);
          }
          if (!signal.aborted && !stopped) body.end();
        })();
      }, script.headersAfterMs ?? 0);
    });
  };
  return { start, seen };
}

/** A ServerResponse stand-in: collects writes; `full` makes write() report back-pressure. */
class FakeOut extends EventEmitter implements NodeOut {
  parts: string[] = [];
  ended = false;
  destroyed = false;
  full = false;
  readonly done = new Promise<void>((resolve) => this.once("finish", resolve));

  write(chunk: Uint8Array): boolean {
    this.parts.push(Buffer.from(chunk).toString("utf8"));
    return !this.full;
  }

  end(): void {
    this.ended = true;
    this.emit("finish");
    this.emit("close");
  }

  /** The browser goes away. */
  disconnect(): void {
    this.destroyed = true;
    this.emit("close");
  }

  get text(): string {
    return this.parts.join("");
  }
}

async function collect(result: RelayResult<NodeSseStream>): Promise<string> {
  if (typeof result.body === "string") return result.body;
  const out = new FakeOut();
  result.body.pipe(out);
  await out.done;
  return out.text;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a rejection");
}

const SSE = ['data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n', 'data: {"choices":[{"delta":{"content":"lo"}}]}\n\n', "data: [DONE]\n\n"];

describe("relayUpstreamNode, non-stream", () => {
  it("passes a JSON answer through with the request id", async () => {
    const { start } = fake({ headers: { "content-type": "application/json", "x-request-id": "req_1" }, steps: ['{"object":"list",', '"data":[]}'] });
    const result = await relayUpstreamNode(start, { stream: false, timings });
    expect(result).toMatchObject({ status: 200, headers: { "x-request-id": "req_1" }, body: '{"object":"list","data":[]}' });
  });

  it("turns a 200 carrying an error into an error status", async () => {
    const { start } = fake({ headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"该令牌额度已用尽","type":"one_api_error"}}'] });
    expect(await rejection(relayUpstreamNode(start, { stream: false, timings }))).toMatchObject({ code: "upstream_quota", status: 402 });
  });

  it("reports an unreachable upstream and a silent one", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(await rejection(relayUpstreamNode(fake({ reject: refused }).start, { stream: false, timings }))).toMatchObject({ code: "upstream_unreachable", status: 502 });
    const silent = fake({ headersAfterMs: 5000 });
    expect(await rejection(relayUpstreamNode(silent.start, { stream: false, timings: { ...timings, idleTimeoutMs: 80 } }))).toMatchObject({ code: "upstream_timeout", status: 504 });
  });
});

describe("relayUpstreamNode, stream", () => {
  it("pipes a stream through byte for byte with SSE headers and no pings", async () => {
    const { start } = fake({ headers: { "content-type": "text/event-stream", "x-oneapi-request-id": "one-1" }, steps: SSE });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    expect(result.headers).toMatchObject({ "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no", "x-request-id": "one-1" });
    expect(await collect(result)).toBe(SSE.join(""));
  });

  it("answers an early error with its real status instead of a stream", async () => {
    const { start } = fake({ status: 429, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"当前分组上游负载已饱和，请稍后再试"}}'] });
    expect(await rejection(relayUpstreamNode(start, { stream: true, timings }))).toMatchObject({ code: "upstream_overloaded", status: 429 });
  });

  it("pings while the upstream is silent, then pipes its stream", async () => {
    const text = await collect(await relayUpstreamNode(fake({ headersAfterMs: 250, steps: SSE }).start, { stream: true, timings }));
    const firstData = text.indexOf("data:");
    const pings = text.slice(0, firstData).match(/: ping\n\n/g) ?? [];
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(text.slice(0, firstData)).toBe(pings.join(""));
    expect(text.slice(firstData)).toBe(SSE.join(""));
  });

  it("sends an error that comes after the commit as a data: {error} event", async () => {
    const { start } = fake({ headersAfterMs: 150, status: 401, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"无效的令牌 (request id: X9)"}}'] });
    const text = await collect(await relayUpstreamNode(start, { stream: true, timings }));
    expect(text.startsWith(": ping\n\n")).toBe(true);
    const event = text.trim().split("\n\n").pop()!;
    expect(JSON.parse(event.slice(6)).error).toMatchObject({ code: "upstream_auth", status: 401, requestId: "X9" });
  });

  it("aborts a stream that goes idle and appends upstream_timeout at an event boundary", async () => {
    const { start, seen } = fake({ steps: [SSE[0], 'data: {"choi', "hang"] });
    const text = await collect(await relayUpstreamNode(start, { stream: true, timings: { ...timings, idleTimeoutMs: 150 } }));
    expect(seen.signal?.aborted).toBe(true);
    expect(text.startsWith(SSE[0] + 'data: {"choi\n\n')).toBe(true);
    expect(text).toMatch(/\n\ndata: \{"error":\{"code":"upstream_timeout","status":504,.*\}\}\n\n$/);
  });

  it("places the error event right after a chunk that ended an event, even a short one", async () => {
    const { start } = fake({ steps: ['data: {"a":1}\n', "\n", "hang"] });
    const text = await collect(await relayUpstreamNode(start, { stream: true, timings: { ...timings, idleTimeoutMs: 120 } }));
    expect(text).toMatch(/^data: \{"a":1\}\n\ndata: \{"error"/);
  });

  it("reports a connection broken mid-answer as stream_interrupted", async () => {
    const broken = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const text = await collect(await relayUpstreamNode(fake({ steps: [SSE[0], { wait: 30 }, { fail: broken }] }).start, { stream: true, timings }));
    expect(text.startsWith(SSE[0] + "data: ")).toBe(true);
    expect(text).toContain('"code":"stream_interrupted"');
  });

  it("aborts the upstream when the browser disconnects, and writes nothing more", async () => {
    const client = new LightAbort();
    const { start, seen } = fake({ steps: [SSE[0], { wait: 300 }, SSE[1]] });
    const result = await relayUpstreamNode(start, { stream: true, clientSignal: client, timings });
    const out = new FakeOut();
    (result.body as NodeSseStream).pipe(out);
    await sleep(50);
    expect(out.text).toBe(SSE[0]);
    client.abort(new DOMException("gone", "AbortError"));
    out.disconnect();
    expect(seen.signal?.aborted).toBe(true);
    await sleep(350);
    expect(out.text).toBe(SSE[0]);
  });

  it("cancels the upstream body when the response closes first", async () => {
    const { start, seen } = fake({ steps: [SSE[0], { wait: 300 }, SSE[1]] });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    const out = new FakeOut();
    (result.body as NodeSseStream).pipe(out);
    await sleep(50);
    out.disconnect();
    expect(seen.aborted?.name).toBe("AbortError");
    expect(seen.signal?.aborted).toBe(true);
  });

  it("pauses the upstream while the browser's socket is full and resumes on drain", async () => {
    const { start, seen } = fake({ steps: [SSE[0], { wait: 20 }, SSE[1], { wait: 20 }, SSE[2]] });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    const out = new FakeOut();
    out.full = true;
    (result.body as NodeSseStream).pipe(out);
    await sleep(10);
    expect(seen.paused).toBeGreaterThan(0);
    out.full = false;
    out.emit("drain");
    expect(seen.resumed).toBeGreaterThan(0);
    await out.done;
    expect(out.text).toBe(SSE.join(""));
  });

  it("renders a JSON completion answered to a stream request as SSE, and sniffs JSON or HTML under a stream type", async () => {
    const completion = { id: "c1", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }] };
    for (const delay of [0, 150]) {
      const text = await collect(await relayUpstreamNode(fake({ headersAfterMs: delay, headers: { "content-type": "application/json" }, steps: [JSON.stringify(completion)] }).start, { stream: true, timings }));
      expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
      expect(text).toContain('"content":"Hi"');
    }
    const json = await collect(await relayUpstreamNode(fake({ steps: ['  {"error":{"message":"无效的令牌 (request id: S1)",', '"type":"one_api_error"}}'] }).start, { stream: true, timings }));
    expect(JSON.parse(json.slice(json.indexOf("data: ") + 6)).error).toMatchObject({ code: "upstream_auth", requestId: "S1" });
    const html = await collect(await relayUpstreamNode(fake({ headers: { "content-type": "text/plain" }, steps: ["<html><head><title>Blocked</title></head>", "</html>"] }).start, { stream: true, timings }));
    expect(html).toContain('"code":"upstream_html"');
  });
});
