import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { PushBody } from "./push-body";
import { type NodeOut, type NodeSseStream, relayUpstreamNode } from "./relay-node";
import { type Browser, type RelayHarness, type Scenario, type Script, scriptedUpstream, SSE, sleep, timings } from "./relay-harness.test-support";
import { runRelayScenarios } from "./relay-scenarios.test-support";
import { LightAbort } from "./upstream-call";

// relay-node.ts over push bodies (the node:http fast path): a PushBody upstream body, written by
// the relay into a ServerResponse stand-in. The shared scenarios live in
// relay-scenarios.test-support.ts; the ones below are this adapter's own.

/** A ServerResponse stand-in: collects writes; `full` makes write() report back-pressure. */
class FakeOut extends EventEmitter implements NodeOut {
  readonly parts: Uint8Array[] = [];
  ended = false;
  destroyed = false;
  full = false;
  readonly done = new Promise<void>((resolve) => this.once("finish", resolve));
  private taken = 0;
  private waiters: (() => void)[] = [];

  write(chunk: Uint8Array): boolean {
    this.parts.push(Uint8Array.from(chunk));
    this.wake();
    return !this.full;
  }

  end(): void {
    this.ended = true;
    this.wake();
    this.emit("finish");
    this.emit("close");
  }

  /** The browser goes away. */
  disconnect(): void {
    this.destroyed = true;
    this.emit("close");
  }

  /** The next chunk written, or null once the response has ended. */
  async next(): Promise<Uint8Array | null> {
    while (this.taken >= this.parts.length && !this.ended) await new Promise<void>((r) => this.waiters.push(r));
    return this.taken < this.parts.length ? this.parts[this.taken++] : null;
  }

  get text(): string {
    return Buffer.concat(this.parts).toString("utf8");
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

function nodeBrowser(): Browser<NodeSseStream> {
  const client = new LightAbort();
  const out = new FakeOut();
  return {
    signal: client,
    read: (stream) => stream.pipe(out),
    next: () => out.next(),
    // node-proxy.ts aborts the client signal when the response closes unfinished; both happen.
    leave() {
      client.abort(new DOMException("gone", "AbortError"));
      out.disconnect();
    },
    close: async () => out.disconnect(),
  };
}

/** A scripted push-body upstream that also counts the relay's pause and resume calls. */
function pushFake(script: Script) {
  const flow = { paused: 0, resumed: 0 };
  const upstream = scriptedUpstream(script, (onCancel) => {
    const body = new PushBody({ pause: () => flow.paused++, resume: () => flow.resumed++, abort: onCancel });
    return { body, push: (b) => body.push(Buffer.from(b)), fail: (err) => body.error(err), end: () => body.end() };
  });
  return { ...upstream, flow };
}

const node: RelayHarness<PushBody, NodeSseStream> = {
  name: "relayUpstreamNode (push bodies)",
  relay: relayUpstreamNode,
  fake: pushFake,
  browser: nodeBrowser,
  errors: {
    refused: () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    broken: () => Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
  },
  // PushBody.destroy() aborts its source with an AbortError.
  cancelReasonName: "AbortError",
};

const nodeOnly: Scenario[] = [
  {
    name: "places the error event right after a chunk that ended an event, even a short one",
    stream: true,
    script: { steps: ['data: {"a":1}\n', "\n", "hang"] },
    timings: { idleTimeoutMs: 120 },
    then: (o) => expect(o.text).toMatch(/^data: \{"a":1\}\n\ndata: \{"error"/),
  },
];

runRelayScenarios(node, nodeOnly);

describe("relayUpstreamNode, back-pressure", () => {
  it("pauses the upstream while the browser's socket is full and resumes on drain", async () => {
    const { start, flow } = pushFake({ steps: [SSE[0], { wait: 20 }, SSE[1], { wait: 20 }, SSE[2]] });
    const result = await relayUpstreamNode(start, { stream: true, timings });
    const out = new FakeOut();
    out.full = true;
    (result.body as NodeSseStream).pipe(out);
    await sleep(10);
    expect(flow.paused).toBeGreaterThan(0);
    out.full = false;
    out.emit("drain");
    expect(flow.resumed).toBeGreaterThan(0);
    await out.done;
    expect(out.text).toBe(SSE.join(""));
  });
});
