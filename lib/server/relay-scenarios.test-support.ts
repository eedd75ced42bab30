/**
 * The relay scenarios both adapters must pass (relay.test.ts for web streams, relay-node.test.ts
 * for push bodies): one table of inputs and expected observations, played by
 * relay-harness.test-support.ts through the adapter's harness.
 *
 * Named *.test-support.ts so vitest's `lib/**\/*.test.ts` does not collect it as a test file of
 * its own, while tsc (tsconfig includes every .ts) still type-checks it.
 */
import { describe, expect, it } from "vitest";
import { type Outcome, play, type RelayHarness, type Scenario, SSE } from "./relay-harness.test-support";

const json = { "content-type": "application/json" };
const completion = {
  id: "c1",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};

function rendersCompletion(o: Outcome): void {
  const events = o.text.split("\n\n").filter((e) => e.startsWith("data: "));
  expect(JSON.parse(events[0].slice(6)).choices[0]).toEqual({ index: 0, delta: { role: "assistant", content: "Hi" }, finish_reason: "stop" });
  expect(JSON.parse(events[1].slice(6))).toMatchObject({ choices: [], usage: completion.usage });
  expect(events[2]).toBe("data: [DONE]");
  expect(o.text.endsWith("data: [DONE]\n\n")).toBe(true);
}

/** The scenarios every adapter runs. */
export const RELAY_SCENARIOS: Scenario[] = [
  {
    name: "non-stream: passes a JSON answer through with the request id",
    stream: false,
    script: { headers: { ...json, "x-request-id": "req_1" }, steps: ['{"object":"list",', '"data":[]}'] },
    then: (o) => expect(o).toMatchObject({ status: 200, headers: { "x-request-id": "req_1" }, text: '{"object":"list","data":[]}' }),
  },
  {
    name: "non-stream: turns a 200 carrying an error into an error status",
    stream: false,
    script: { headers: json, steps: ['{"error":{"message":"该令牌额度已用尽","type":"one_api_error"}}'] },
    rejects: { code: "upstream_token_quota", status: 402 },
  },
  {
    name: "non-stream: reports an unreachable upstream",
    stream: false,
    script: (errors) => ({ reject: errors.refused() }),
    rejects: { code: "upstream_unreachable", status: 502 },
  },
  {
    name: "non-stream: times out a silent upstream with 504",
    stream: false,
    script: { headersAfterMs: 5000 },
    timings: { idleTimeoutMs: 80 },
    rejects: { code: "upstream_timeout", status: 504 },
  },
  {
    name: "pipes a prompt stream through byte for byte with SSE headers and no pings",
    stream: true,
    script: { headers: { "content-type": "text/event-stream", "x-oneapi-request-id": "one-1" }, steps: SSE },
    then: (o) => {
      expect(o.status).toBe(200);
      expect(o.headers).toMatchObject({ "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no", Connection: "keep-alive", "x-request-id": "one-1" });
      expect(o.text).toBe(SSE.join(""));
    },
  },
  {
    name: "answers an early error with its real status instead of a stream",
    stream: true,
    script: { status: 429, headers: json, steps: ['{"error":{"message":"当前分组上游负载已饱和，请稍后再试"}}'] },
    rejects: { code: "upstream_overloaded", status: 429 },
  },
  {
    name: "pings while the upstream is silent, then pipes its stream",
    stream: true,
    script: { headersAfterMs: 250, steps: SSE },
    then: (o) => {
      const firstData = o.text.indexOf("data:");
      const pings = o.text.slice(0, firstData).match(/: ping\n\n/g) ?? [];
      expect(pings.length).toBeGreaterThanOrEqual(2);
      expect(o.text.slice(0, firstData)).toBe(pings.join(""));
      expect(o.text.slice(firstData)).toBe(SSE.join(""));
    },
  },
  {
    name: "sends an error that comes after the commit as a data: {error} event",
    stream: true,
    script: { headersAfterMs: 150, status: 401, headers: json, steps: ['{"error":{"message":"无效的令牌 (request id: X9)"}}'] },
    then: (o) => {
      expect(o.text.startsWith(": ping\n\n")).toBe(true);
      const event = o.text.trim().split("\n\n").pop()!;
      expect(event.startsWith("data: ")).toBe(true);
      expect(JSON.parse(event.slice(6))).toEqual({ error: { code: "upstream_auth", status: 401, message: expect.any(String), upstreamMessage: "无效的令牌 (request id: X9)", requestId: "X9" } });
    },
  },
  {
    name: "aborts a stream that goes idle and appends upstream_timeout at an event boundary",
    stream: true,
    script: { steps: [SSE[0], 'data: {"choi', "hang"] },
    timings: { idleTimeoutMs: 150 },
    then: (o) => {
      expect(o.seen.signal?.aborted).toBe(true);
      expect(o.text.startsWith(SSE[0] + 'data: {"choi\n\n')).toBe(true);
      expect(o.text).toMatch(/\n\ndata: \{"error":\{"code":"upstream_timeout","status":504,.*\}\}\n\n$/);
    },
  },
  {
    name: "reports a connection broken mid-answer as stream_interrupted",
    stream: true,
    script: (errors) => ({ steps: [SSE[0], { wait: 30 }, { fail: errors.broken() }] }),
    then: (o) => {
      expect(o.text.startsWith(SSE[0] + "data: ")).toBe(true);
      expect(o.text).toContain('"code":"stream_interrupted"');
    },
  },
  {
    name: "aborts the upstream when the browser disconnects, and sends nothing more",
    stream: true,
    script: { steps: [SSE[0], { wait: 300 }, SSE[1]] },
    browser: "leaves",
    then: (o) => {
      expect(o.text).toBe(SSE[0]);
      expect(o.abortedAtOnce).toBe(true);
      expect(o.after).toBe("");
      expect(o.ended).toBe(true); // ends quietly, no error event for nobody
    },
  },
  {
    name: "cancels the upstream body when the browser closes the response",
    stream: true,
    script: { steps: [SSE[0], { wait: 300 }, SSE[1]] },
    browser: "closes",
    then: (o, h) => {
      expect(o.abortedAtOnce).toBe(true);
      expect(o.seen.cancelled).toBe(true);
      expect((o.seen.cancelReason as Error | undefined)?.name).toBe(h.cancelReasonName);
      expect(o.after).toBe("");
    },
  },
  {
    name: "renders a JSON completion answered at once to a stream request as SSE",
    stream: true,
    script: { headers: json, steps: [JSON.stringify(completion)] },
    then: rendersCompletion,
  },
  {
    name: "renders a JSON completion answered after the commit as SSE",
    stream: true,
    script: { headersAfterMs: 150, headers: json, steps: [JSON.stringify(completion)] },
    then: rendersCompletion,
  },
  {
    name: "sniffing: a JSON error sent with an event-stream content type becomes an error event",
    stream: true,
    script: { steps: ['  {"error":{"message":"无效的令牌 (request id: S1)",', '"type":"one_api_error"}}'] },
    then: (o) => expect(JSON.parse(o.text.slice(o.text.indexOf("data: ") + 6)).error).toMatchObject({ code: "upstream_auth", status: 401, requestId: "S1" }),
  },
  {
    name: "sniffing: an HTML page sent with a stream content type becomes an upstream_html event",
    stream: true,
    script: { headers: { "content-type": "text/plain" }, steps: ["<html><head><title>Blocked</title></head>", "</html>"] },
    then: (o) => {
      expect(o.text).toContain('"code":"upstream_html"');
      expect(o.text).toContain('"upstreamMessage":"Blocked"');
    },
  },
];

/** Declares one test per scenario (shared, then the adapter's own) for the adapter. */
export function runRelayScenarios<B, S>(h: RelayHarness<B, S>, own: Scenario[] = []): void {
  describe(`${h.name}: the scenarios every relay adapter runs`, () => {
    for (const s of RELAY_SCENARIOS) it(s.name, async () => void (await play(h, s)));
  });
  if (own.length === 0) return;
  describe(`${h.name}: its own scenarios`, () => {
    for (const s of own) it(s.name, async () => void (await play(h, s)));
  });
}
