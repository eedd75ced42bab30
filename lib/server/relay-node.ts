/**
 * relay.ts's decisions over Node streams, for the node:http fast path: the upstream body is a Node
 * Readable (undici's request()), the committed stream is written to the ServerResponse with plain
 * write() calls and pause/resume back-pressure. Per chunk: a timestamp, and a write.
 */
import type { Readable } from "node:stream";
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
    private readonly responseP: Promise<UpstreamResponse<Readable>>,
    private readonly call: UpstreamCall,
    private readonly timings: RelayTimings,
    private readonly committedEarly: boolean,
  ) {}

  pipe(out: NodeOut): void {
    let body: Readable | undefined;
    const relay = new SseRelay(this.call, this.timings, { write: (b) => out.write(b), end: () => out.end() }, () => body?.destroy());
    // 'close' also follows a normal end; cancel() is a no-op once the relay has finished.
    out.on("close", () => relay.cancel());
    out.on("drain", () => body?.resume());
    if (out.destroyed) return relay.cancel();
    relay.open(this.committedEarly);
    this.responseP.then(
      (res) => {
        if (!relay.respond(res, res.body !== null)) return void res.body?.destroy();
        const upstream = res.body!;
        body = upstream;
        upstream.on("data", (chunk: Buffer) => {
          if (!relay.chunk(chunk)) upstream.pause();
        });
        upstream.on("end", () => relay.end());
        upstream.on("error", (err) => relay.fail(err));
      },
      (err: unknown) => relay.fail(err),
    );
  }
}

function readNodeText(res: UpstreamResponse<Readable>, call: UpstreamCall): Promise<string> {
  const body = res.body;
  if (!body) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const collector = new TextCollector();
    body.on("data", (chunk: Buffer) => {
      call.touch();
      if (collector.add(chunk)) return;
      body.destroy();
      reject(tooLargeAnswer());
    });
    body.on("end", () => resolve(collector.text()));
    body.on("error", reject);
  });
}

const nodeIO: RelayIO<Readable, NodeSseStream> = {
  readText: readNodeText,
  stream: (responseP, call, timings, committedEarly) => new NodeSseStream(responseP, call, timings, committedEarly),
};

/** Relays an upstream call made with requestUpstream(). Throws AppError for anything that is not a success. */
export function relayUpstreamNode(start: StartUpstream<Readable>, options: RelayOptions): Promise<RelayResult<NodeSseStream>> {
  return relayWith(nodeIO, start, options);
}
