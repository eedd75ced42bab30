import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { relayUpstream, type RelayResult, type StartUpstream } from "./relay";
import type { AbortLike } from "./upstream-call";

const timings = { firstBytePingMs: 60, pingIntervalMs: 25, idleTimeoutMs: 400 };
const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Step = string | Uint8Array | { wait: number } | { fail: Error } | "hang";

interface Script {
  headersAfterMs?: number;
  status?: number;
  headers?: Record<string, string>;
  steps?: Step[];
  reject?: Error;
}

/** A scripted upstream that honours the abort signal like fetch does. */
function fake(script: Script): { start: StartUpstream; seen: { signal?: AbortLike } } {
  const seen: { signal?: AbortLike } = {};
  const start: StartUpstream = (signal) => {
    seen.signal = signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) return reject(signal.reason);
        if (script.reject) return reject(script.reject);
        const body = new ReadableStream<Uint8Array>({
          async start(c) {
            signal.addEventListener("abort", () => c.error(signal.reason), { once: true });
            for (const step of script.steps ?? []) {
              if (signal.aborted) return;
              if (step === "hang") return;
              if (typeof step === "string") c.enqueue(enc.encode(step));
              else if (step instanceof Uint8Array) c.enqueue(step);
              else if ("wait" in step) await sleep(step.wait);
              else return c.error(step.fail);
            }
            if (!signal.aborted) c.close();
          },
        });
        resolve({ status: script.status ?? 200, headers: new Headers(script.headers ?? { "content-type": "text/event-stream" }), body });
      }, script.headersAfterMs ?? 0);
    });
  };
  return { start, seen };
}

async function collect(result: RelayResult): Promise<{ text: string; parts: string[] }> {
  if (typeof result.body === "string") return { text: result.body, parts: [result.body] };
  const parts: string[] = [];
  const reader = result.body.getReader();
  const dec = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(dec.decode(value, { stream: true }));
  }
  return { text: parts.join(""), parts };
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

describe("relayUpstream, non-stream", () => {
  it("passes a JSON answer through with the request id", async () => {
    const { start } = fake({ headers: { "content-type": "application/json", "x-request-id": "req_1" }, steps: ['{"object":"list","data":[]}'] });
    const result = await relayUpstream(start, { stream: false, timings });
    expect(result.status).toBe(200);
    expect(result.headers["x-request-id"]).toBe("req_1");
    expect(result.body).toBe('{"object":"list","data":[]}');
  });

  it("turns a 200 carrying an error into an error status", async () => {
    const { start } = fake({ headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"该令牌额度已用尽","type":"one_api_error"}}'] });
    const err = await rejection(relayUpstream(start, { stream: false, timings }));
    expect(err).toMatchObject({ code: "upstream_quota", status: 402 });
  });

  it("keeps the upstream status and request id of an error", async () => {
    const { start } = fake({ status: 401, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"无效的令牌 (request id: R1)","type":"one_api_error"}}'] });
    const err = await rejection(relayUpstream(start, { stream: false, timings }));
    expect(err).toMatchObject({ code: "upstream_auth", status: 401, requestId: "R1" });
  });

  it("reports an unreachable upstream", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const err = await rejection(relayUpstream(fake({ reject: refused }).start, { stream: false, timings }));
    expect(err).toMatchObject({ code: "upstream_unreachable", status: 502 });
  });

  it("times out a silent upstream with 504", async () => {
    const err = await rejection(relayUpstream(fake({ headersAfterMs: 5000 }).start, { stream: false, timings: { ...timings, idleTimeoutMs: 80 } }));
    expect(err).toMatchObject({ code: "upstream_timeout", status: 504 });
  });
});

describe("relayUpstream, stream", () => {
  it("pipes a prompt stream through byte for byte with SSE headers and no pings", async () => {
    const { start } = fake({ headers: { "content-type": "text/event-stream", "x-oneapi-request-id": "one-1" }, steps: SSE });
    const result = await relayUpstream(start, { stream: true, timings });
    expect(result.status).toBe(200);
    expect(result.headers).toMatchObject({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
      "x-request-id": "one-1",
    });
    expect((await collect(result)).text).toBe(SSE.join(""));
  });

  it("does not split or re-encode multi-byte characters cut across chunks", async () => {
    const bytes = enc.encode('data: {"choices":[{"delta":{"content":"你好，世界"}}]}\n\n');
    const steps = [bytes.slice(0, 31), bytes.slice(31, 33), bytes.slice(33)];
    const result = await relayUpstream(fake({ steps }).start, { stream: true, timings });
    const out = result.body as ReadableStream<Uint8Array>;
    const chunks: number[] = [];
    for await (const c of out as unknown as AsyncIterable<Uint8Array>) chunks.push(...c);
    expect(Buffer.from(chunks).equals(Buffer.from(bytes))).toBe(true);
  });

  it("answers an early error with its real status instead of a stream", async () => {
    const { start } = fake({ status: 429, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"当前分组上游负载已饱和，请稍后再试"}}'] });
    const err = await rejection(relayUpstream(start, { stream: true, timings }));
    expect(err).toMatchObject({ code: "upstream_overloaded", status: 429 });
  });

  it("pings while the upstream is silent, then pipes its stream", async () => {
    const { start } = fake({ headersAfterMs: 250, steps: SSE });
    const result = await relayUpstream(start, { stream: true, timings });
    const { text } = await collect(result);
    const firstData = text.indexOf("data:");
    const pings = text.slice(0, firstData).match(/: ping\n\n/g) ?? [];
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(text.slice(0, firstData)).toBe(pings.join(""));
    expect(text.slice(firstData)).toBe(SSE.join(""));
  });

  it("keeps pinging after headers until the first body byte, never in between", async () => {
    const { start } = fake({ steps: [{ wait: 200 }, SSE[0], { wait: 120 }, SSE[1], SSE[2]] });
    const { text } = await collect(await relayUpstream(start, { stream: true, timings }));
    const firstData = text.indexOf("data:");
    expect(firstData).toBeGreaterThan(0);
    expect(text.slice(firstData)).toBe(SSE.join(""));
  });

  it("sends an error that comes after the commit as a data: {error} event", async () => {
    const { start } = fake({ headersAfterMs: 150, status: 401, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"无效的令牌 (request id: X9)"}}'] });
    const { text } = await collect(await relayUpstream(start, { stream: true, timings }));
    expect(text.startsWith(": ping\n\n")).toBe(true);
    const event = text.trim().split("\n\n").pop()!;
    expect(event.startsWith("data: ")).toBe(true);
    expect(JSON.parse(event.slice(6))).toEqual({ error: { code: "upstream_auth", status: 401, message: expect.any(String), upstreamMessage: "无效的令牌 (request id: X9)", requestId: "X9" } });
  });

  it("aborts a stream that goes idle and appends upstream_timeout at an event boundary", async () => {
    const { start, seen } = fake({ steps: [SSE[0], 'data: {"choi', "hang"] });
    const result = await relayUpstream(start, { stream: true, timings: { ...timings, idleTimeoutMs: 150 } });
    const { text } = await collect(result);
    expect(seen.signal?.aborted).toBe(true);
    expect(text.startsWith(SSE[0] + 'data: {"choi\n\n')).toBe(true);
    expect(text).toMatch(/\n\ndata: \{"error":\{"code":"upstream_timeout","status":504,.*\}\}\n\n$/);
  });

  it("reports a connection broken mid-answer as stream_interrupted", async () => {
    const broken = Object.assign(new TypeError("terminated"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
    const { text } = await collect(await relayUpstream(fake({ steps: [SSE[0], { wait: 30 }, { fail: broken }] }).start, { stream: true, timings }));
    expect(text.startsWith(SSE[0] + "data: ")).toBe(true);
    expect(text).toContain('"code":"stream_interrupted"');
  });

  it("a connection refused after the commit becomes an error event", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const { text } = await collect(await relayUpstream(fake({ headersAfterMs: 120, reject: refused }).start, { stream: true, timings }));
    expect(text).toMatch(/^(: ping\n\n)+data: \{"error":\{"code":"upstream_unreachable"/);
  });

  it("aborts the upstream when the browser disconnects", async () => {
    const client = new AbortController();
    const { start, seen } = fake({ steps: [SSE[0], { wait: 1000 }, SSE[1]] });
    const result = await relayUpstream(start, { stream: true, clientSignal: client.signal, timings });
    const reader = (result.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    client.abort();
    expect(seen.signal?.aborted).toBe(true);
    expect((await reader.read()).done).toBe(true); // ends quietly, no error event for nobody
  });

  it("aborts the upstream when the response body is cancelled", async () => {
    const { start, seen } = fake({ steps: [SSE[0], { wait: 1000 }, SSE[1]] });
    const result = await relayUpstream(start, { stream: true, timings });
    const reader = (result.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(seen.signal?.aborted).toBe(true);
  });

  it("renders a JSON completion answered to a stream request as SSE", async () => {
    const completion = {
      id: "c1",
      created: 1,
      model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    for (const delay of [0, 150]) {
      const { start } = fake({ headersAfterMs: delay, headers: { "content-type": "application/json" }, steps: [JSON.stringify(completion)] });
      const { text } = await collect(await relayUpstream(start, { stream: true, timings }));
      const events = text.split("\n\n").filter((e) => e.startsWith("data: "));
      expect(JSON.parse(events[0].slice(6)).choices[0]).toEqual({ index: 0, delta: { role: "assistant", content: "Hi" }, finish_reason: "stop" });
      expect(JSON.parse(events[1].slice(6))).toMatchObject({ choices: [], usage: completion.usage });
      expect(events[2]).toBe("data: [DONE]");
    }
  });
});

describe("relayUpstream, stream sniffing", () => {
  it("a JSON error sent with an event-stream content type becomes an error event", async () => {
    const { start } = fake({ steps: ['  {"error":{"message":"无效的令牌 (request id: S1)","type":"one_api_error"}}'] });
    const { text } = await collect(await relayUpstream(start, { stream: true, timings }));
    expect(JSON.parse(text.slice(text.indexOf("data: ") + 6)).error).toMatchObject({ code: "upstream_auth", status: 401, requestId: "S1" });
  });

  it("an HTML page sent with a stream content type becomes an upstream_html event", async () => {
    const { start } = fake({ headers: { "content-type": "text/plain" }, steps: ["<html><head><title>Blocked</title></head>", "</html>"] });
    const { text } = await collect(await relayUpstream(start, { stream: true, timings }));
    expect(text).toContain('"code":"upstream_html"');
    expect(text).toContain('"upstreamMessage":"Blocked"');
  });
});
