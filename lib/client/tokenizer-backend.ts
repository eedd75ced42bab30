/**
 * The page's handle on the tokenizer: a Web Worker when the browser can start one, else the same
 * counting core on the main thread (old browsers, a CSP without worker-src, unit tests).
 */
import { loadTokenizer, type EncodingName } from "@/lib/tokens";
import { createTokenizerCore } from "./tokenizer-core";
import type { TokenizerRequest, TokenizerResponse } from "./tokenizer-protocol";
import { createDistinctWorker } from "./distinct-worker";

export interface TokenizerBackend {
  load(encoding: EncodingName): Promise<void>;
  count(encoding: EncodingName, texts: string[], urgent: boolean): Promise<number[]>;
}

type Send = (request: TokenizerRequest) => void;
/** A request before it gets its id (Omit distributed over the union). */
type RequestBody = TokenizerRequest extends infer R ? (R extends TokenizerRequest ? Omit<R, "id"> : never) : never;

/** The worker itself died or never started (not a failed rank load): counting can move in-thread. */
export class TokenizerWorkerError extends Error {}

/** Matches answers to requests by id; `connect` wires the transport and returns its send. */
export function createBackend(connect: (receive: (r: TokenizerResponse) => void, fail: (err: unknown) => void) => Send): TokenizerBackend {
  const pending = new Map<number, { resolve: (r: TokenizerResponse & { ok: true }) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const send = connect(
    (response) => {
      const waiter = pending.get(response.id);
      if (!waiter) return;
      pending.delete(response.id);
      if (response.ok) waiter.resolve(response);
      else waiter.reject(new Error(response.error));
    },
    (err) => {
      // A dead worker answers nothing more: fail everything in flight rather than hang.
      const error = new TokenizerWorkerError(String((err as Error)?.message ?? err));
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    },
  );
  const request = (body: RequestBody) =>
    new Promise<TokenizerResponse & { ok: true }>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ ...body, id } as TokenizerRequest);
    });
  return {
    load: async (encoding) => void (await request({ type: "load", encoding })),
    count: async (encoding, texts, urgent) => (await request({ type: "count", encoding, texts, urgent })).counts ?? [],
  };
}

/** The counting core in this thread, answering asynchronously like a worker would. */
export function inThreadBackend(): TokenizerBackend {
  return createBackend((receive) => {
    const core = createTokenizerCore({ post: receive, load: loadTokenizer });
    return (request) => core.handle(request);
  });
}

function workerBackend(): TokenizerBackend {
  return createBackend((receive, fail) => {
    const worker = createDistinctWorker("tokenizer", () => new Worker(new URL("./tokenizer.worker.ts", import.meta.url), { type: "module", name: "tokenizer" }));
    worker.onmessage = (event: MessageEvent<TokenizerResponse>) => receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      // Counting moves into the page from here on; this worker is not asked again.
      worker.terminate();
      fail(new Error(event.message || "tokenizer worker failed"));
    };
    return (request) => worker.postMessage(request);
  });
}

export function createDefaultBackend(): TokenizerBackend {
  if (typeof Worker === "undefined") return inThreadBackend();
  try {
    return workerBackend();
  } catch {
    return inThreadBackend();
  }
}
