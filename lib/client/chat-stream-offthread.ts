/**
 * `streamChat` with the reading done in a Web Worker (lib/client/chat-stream.worker.ts): same
 * arguments, same result and errors, chunks delivered in order, a few dozen times a second.
 * Without a worker (old browsers, unit tests) or when its script cannot start, the stream runs
 * in this thread as before.
 */
import { AppError } from "@/lib/errors";
import type { ChatChunk } from "@/lib/upstream/chat-chunk";
import { streamChat, type StreamResult } from "./chat-stream";
import type { StreamCommand, StreamEvent } from "./chat-stream-protocol";
import { connectReadyWorker } from "./ready-worker";
import { createDistinctWorker } from "./distinct-worker";

type Stream = typeof streamChat;
type Args = Parameters<Stream>;

interface Run {
  args: Args;
  onChunk: (chunk: ChatChunk) => void;
  resolve: (result: StreamResult) => void;
  reject: (err: unknown) => void;
}

/** Wires a transport: `connect` gets the event and failure handlers and returns how to send. */
export type Connect = (receive: (event: StreamEvent) => void, fail: (err: unknown) => void) => (command: StreamCommand) => void;

export interface OffThreadStreamer {
  stream: Stream;
  /** Starts the transport now (ahead of the first send) when it is not running yet. */
  warm(): void;
}

export function createOffThreadStreamer(connect: Connect, inThread: Stream = streamChat): OffThreadStreamer {
  const runs = new Map<number, Run>();
  let nextId = 1;
  let ready = false;
  let broken = false;
  let send: ((command: StreamCommand) => void) | null = null;

  const receive = (event: StreamEvent) => {
    if (event.type === "ready") {
      ready = true;
      return;
    }
    const run = runs.get(event.id);
    if (!run) return;
    if (event.type === "chunks") {
      for (const chunk of event.chunks) run.onChunk(chunk);
      return;
    }
    runs.delete(event.id);
    if (event.type === "end") run.resolve(event.result);
    else run.reject(new AppError(event.error));
  };

  const fail = (err: unknown) => {
    broken = true;
    for (const [id, run] of runs) {
      runs.delete(id);
      // A worker that never started never sent the request: run it here instead. One that died
      // mid-answer may have: what it had is shown, as for any broken stream.
      if (!ready) inThread(...run.args).then(run.resolve, run.reject);
      else run.reject(new AppError({ code: "stream_interrupted", status: 0, message: `The stream reader stopped: ${String((err as Error)?.message ?? err)}` }));
    }
  };

  const start = (): boolean => {
    if (broken) return false;
    try {
      send ??= connect(receive, fail);
      return true;
    } catch {
      broken = true;
      return false;
    }
  };

  const stream: Stream = (req, via, body, signal, onChunk) => {
    if (!start()) return inThread(req, via, body, signal, onChunk);
    if (signal.aborted) return Promise.resolve({ sawDone: false });
    const id = nextId++;
    return new Promise<StreamResult>((resolve, reject) => {
      runs.set(id, { args: [req, via, body, signal, onChunk], onChunk, resolve, reject });
      signal.addEventListener("abort", () => runs.has(id) && send?.({ type: "abort", id }), { once: true });
      send!({ type: "start", id, url: req.url, headers: req.headers, body, via });
    });
  };
  return { stream, warm: () => void start() };
}

const connectWorker: Connect = (receive, fail) =>
  connectReadyWorker<StreamCommand, StreamEvent>(
    createDistinctWorker("chat-stream", () => new Worker(new URL("./chat-stream.worker.ts", import.meta.url), { type: "module", name: "chat-stream" })),
    receive,
    fail,
  );

let shared: OffThreadStreamer | null = null;
function sharedStreamer(): OffThreadStreamer {
  shared ??= typeof Worker === "undefined" ? { stream: streamChat, warm: () => undefined } : createOffThreadStreamer(connectWorker);
  return shared;
}

export const streamChatOffThread: Stream = (...args) => sharedStreamer().stream(...args);

/** Starts the worker ahead of the first send, so its script is running when the user sends. */
export function warmChatStreamWorker(): void {
  sharedStreamer().warm();
}
