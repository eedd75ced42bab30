/**
 * relay.ts's decisions over push bodies, for the node:http fast path: the upstream body comes from
 * undici's dispatch handler (upstream-node.ts) chunk by chunk, the committed stream is written to
 * the ServerResponse with plain write() calls and pause/resume back-pressure. Per chunk: a
 * timestamp, and a write.
 */
import type { PushBody } from "./push-body";
import { relayWith, type RelayIO, type RelayOptions, type RelayResult, type StartUpstream, type UpstreamResponse } from "./relay";
import { SseRelay, TextCollector, tooLargeAnswer } from "./sse-relay";
import type { RelayTimings, UpstreamCall } from "./upstream-call";

/** What the stream needs of a ServerResponse (a Writable fits too). */
export interface NodeOut {
  write(chunk: Uint8Array): boolean;
  end(): void;
  on(event: "drain" | "close", listener: () => void): unknown;
  readonly destroyed: boolean;
}

/** A committed stream, waiting to be piped into the response once its headers are written. */
export class NodeSseStream {
  constructor(
    private readonly responseP: Promise<UpstreamResponse<PushBody>>,
    private readonly call: UpstreamCall,
    private readonly timings: RelayTimings,
    private readonly committedEarly: boolean,
  ) {}

  pipe(out: NodeOut): void {
    let body: PushBody | undefined;
    const relay = new SseRelay(this.call, this.timings, { write: (b) => out.write(b), end: () => out.end() }, () => body?.destroy());
    // 'close' also follows a normal end; cancel() is a no-op once the relay has finished.
    out.on("close", () => relay.cancel());
    out.on("drain", () => body?.resume());
    if (out.destroyed) return relay.cancel();
    relay.open(this.committedEarly);
    this.responseP.then(
      (res) => {
        if (!relay.respond(res, res.body !== null)) return void res.body?.destroy();
        body = res.body!;
        body.consume({ data: (chunk) => relay.chunk(chunk), end: () => relay.end(), error: (err) => relay.fail(err) });
      },
      (err: unknown) => relay.fail(err),
    );
  }
}

function readPushText(res: UpstreamResponse<PushBody>, call: UpstreamCall): Promise<string> {
  const body = res.body;
  if (!body) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const collector = new TextCollector();
    body.consume({
      data(chunk) {
        call.touch();
        if (collector.add(chunk)) return true;
        body.destroy();
        reject(tooLargeAnswer());
        return false;
      },
      end: () => resolve(collector.text()),
      error: reject,
    });
  });
}

const nodeIO: RelayIO<PushBody, NodeSseStream> = {
  readText: readPushText,
  stream: (responseP, call, timings, committedEarly) => new NodeSseStream(responseP, call, timings, committedEarly),
};

/** Relays an upstream call made with requestUpstream() (upstream-node.ts). Throws AppError for anything that is not a success. */
export function relayUpstreamNode(start: StartUpstream<PushBody>, options: RelayOptions): Promise<RelayResult<NodeSseStream>> {
  return relayWith(nodeIO, start, options);
}
