/**
 * The counting side of the tokenizer worker, free of worker globals so it can also run in the
 * page (fallback when a Worker cannot start) and in unit tests. Work is cut into time slices so a
 * long history count never holds back an urgent job (the draft being typed) for long: between
 * slices the worker returns to its event loop, picks up new requests, and urgent jobs run first.
 */
import type { EncodingName, Tokenizer } from "@/lib/tokens";
import type { TokenizerRequest, TokenizerResponse } from "./tokenizer-protocol";

interface CountJob {
  id: number;
  encoding: EncodingName;
  texts: string[];
  counts: number[];
}

export interface TokenizerCoreOptions {
  post: (response: TokenizerResponse) => void;
  load: (encoding: EncodingName) => Promise<Tokenizer>;
  /** Longest stretch of counting before yielding to the event loop. */
  sliceMs?: number;
  now?: () => number;
  /** Runs `fn` after pending messages have been delivered (setTimeout 0 in a worker). */
  defer?: (fn: () => void) => void;
}

export function createTokenizerCore(options: TokenizerCoreOptions) {
  const { post, load, sliceMs = 8, now = () => performance.now(), defer = (fn) => void setTimeout(fn, 0) } = options;
  const urgent: CountJob[] = [];
  const background: CountJob[] = [];
  let scheduled = false;
  // One slice at a time: a slice awaiting the first rank load must not race a second one.
  let running = false;

  const message = (err: unknown) => String((err as Error)?.message ?? err);

  function schedule() {
    if (scheduled || running) return;
    scheduled = true;
    defer(() => {
      scheduled = false;
      void runSlice();
    });
  }

  async function runSlice() {
    running = true;
    try {
      await countUntil(now() + sliceMs);
    } finally {
      running = false;
    }
    if (urgent.length || background.length) schedule();
  }

  async function countUntil(deadline: number) {
    while (now() < deadline) {
      const job = urgent[0] ?? background[0];
      if (!job) return;
      let tok: Tokenizer;
      try {
        tok = await load(job.encoding);
      } catch (err) {
        drop(job);
        post({ id: job.id, ok: false, error: message(err) });
        continue;
      }
      // At least one text per slice, so a single huge text still makes progress.
      let first = true;
      try {
        while (job.counts.length < job.texts.length && (first || now() < deadline)) {
          first = false;
          job.counts.push(tok.count(job.texts[job.counts.length]));
        }
      } catch (err) {
        // Never leave a failed job at the head of the queue: everything behind it would wait.
        drop(job);
        post({ id: job.id, ok: false, error: message(err) });
        continue;
      }
      if (job.counts.length === job.texts.length) {
        drop(job);
        post({ id: job.id, ok: true, counts: job.counts });
      }
    }
  }

  function drop(job: CountJob) {
    const queue = urgent.includes(job) ? urgent : background;
    queue.splice(queue.indexOf(job), 1);
  }

  return {
    handle(request: TokenizerRequest) {
      if (request.type === "load") {
        load(request.encoding).then(
          () => post({ id: request.id, ok: true }),
          (err) => post({ id: request.id, ok: false, error: message(err) }),
        );
        return;
      }
      const job = { id: request.id, encoding: request.encoding, texts: request.texts, counts: [] };
      (request.urgent ? urgent : background).push(job);
      schedule();
    },
  };
}
