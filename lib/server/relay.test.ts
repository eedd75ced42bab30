import { expect } from "vitest";
import { relayUpstream } from "./relay";
import { type Browser, type RelayHarness, type Scenario, scriptedUpstream, SSE } from "./relay-harness.test-support";
import { runRelayScenarios } from "./relay-scenarios.test-support";

// relay.ts over web streams (the Next route handler): a ReadableStream upstream body, read by the
// browser through the ReadableStream the relay returns. The shared scenarios live in
// relay-scenarios.test-support.ts; the ones below are this adapter's own.

function webBrowser(): Browser<ReadableStream<Uint8Array>> {
  const client = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    signal: client.signal,
    read: (stream) => void (reader = stream.getReader()),
    async next() {
      const { done, value } = await reader!.read();
      return done ? null : value;
    },
    // The route handler only sees the request's signal; the stream must then end by itself.
    leave: () => client.abort(),
    close: () => reader!.cancel(),
  };
}

const web: RelayHarness<ReadableStream<Uint8Array>, ReadableStream<Uint8Array>> = {
  name: "relayUpstream (web streams)",
  relay: relayUpstream,
  fake: (script) =>
    scriptedUpstream(script, (onCancel) => {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: onCancel });
      return { body, push: (b) => controller.enqueue(b), fail: (err) => controller.error(err), end: () => controller.close() };
    }),
  browser: webBrowser,
  errors: {
    refused: () => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }),
    broken: () => Object.assign(new TypeError("terminated"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }),
  },
  // reader.cancel() without a reason.
  cancelReasonName: undefined,
};

const multiByte = new TextEncoder().encode('data: {"choices":[{"delta":{"content":"你好，世界"}}]}\n\n');

const webOnly: Scenario[] = [
  {
    name: "non-stream: keeps the upstream status and request id of an error",
    stream: false,
    script: { status: 401, headers: { "content-type": "application/json" }, steps: ['{"error":{"message":"无效的令牌 (request id: R1)","type":"one_api_error"}}'] },
    rejects: { code: "upstream_auth", status: 401, requestId: "R1" },
  },
  {
    name: "does not split or re-encode multi-byte characters cut across chunks",
    stream: true,
    script: { steps: [multiByte.slice(0, 31), multiByte.slice(31, 33), multiByte.slice(33)] },
    then: (o) => expect(Buffer.from(o.bytes).equals(Buffer.from(multiByte))).toBe(true),
  },
  {
    name: "keeps pinging after headers until the first body byte, never in between",
    stream: true,
    script: { steps: [{ wait: 200 }, SSE[0], { wait: 120 }, SSE[1], SSE[2]] },
    then: (o) => {
      const firstData = o.text.indexOf("data:");
      expect(firstData).toBeGreaterThan(0);
      expect(o.text.slice(firstData)).toBe(SSE.join(""));
    },
  },
  {
    name: "a connection refused after the commit becomes an error event",
    stream: true,
    script: (errors) => ({ headersAfterMs: 120, reject: errors.refused() }),
    then: (o) => expect(o.text).toMatch(/^(: ping\n\n)+data: \{"error":\{"code":"upstream_unreachable"/),
  },
];

runRelayScenarios(web, webOnly);
