/**
 * A response body delivered by push, for the node:http fast path: undici's dispatch handler
 * (upstream-dispatch.ts) pushes each chunk as its parser produces it, and the consumer (the relay)
 * attaches once it is ready; chunks that arrive before that are held. No stream objects, no
 * promise per chunk. Back-pressure: a consumer returning false from data() pauses the source until
 * resume().
 */

export interface BodyConsumer {
  /** One chunk; return false to pause the source until resume(). */
  data(chunk: Buffer): boolean;
  end(): void;
  error(err: unknown): void;
}

export interface BodySource {
  pause(): void;
  resume(): void;
  /** Stop the transfer (the consumer gave up); nothing more is delivered. */
  abort(reason: Error): void;
}

type Pending = { kind: "data"; chunk: Buffer } | { kind: "end" } | { kind: "error"; err: unknown };

/** Chunks held for a consumer that has not attached yet, before the source is paused. */
const HOLD_BEFORE_PAUSE = 16;

export class PushBody {
  private consumer: BodyConsumer | undefined;
  private pending: Pending[] = [];
  private done = false;
  private destroyed = false;
  private heldPause = false;

  constructor(private readonly source: BodySource) {}

  // ---- producer side

  push(chunk: Buffer): void {
    if (this.destroyed || this.done) return;
    if (!this.consumer) {
      // Nobody reads yet: hold the chunk (the relay attaches within the same turn or the next).
      this.pending.push({ kind: "data", chunk });
      if (this.pending.length >= HOLD_BEFORE_PAUSE && !this.heldPause) {
        this.heldPause = true;
        this.source.pause();
      }
      return;
    }
    if (!this.consumer.data(chunk)) this.source.pause();
  }

  end(): void {
    if (this.destroyed || this.done) return;
    this.done = true;
    if (this.consumer) this.consumer.end();
    else this.pending.push({ kind: "end" });
  }

  error(err: unknown): void {
    if (this.destroyed || this.done) return;
    this.done = true;
    if (this.consumer) this.consumer.error(err);
    else this.pending.push({ kind: "error", err });
  }

  // ---- consumer side

  /** Starts delivery: first what was held, then each chunk as it comes. */
  consume(consumer: BodyConsumer): void {
    if (this.consumer) throw new Error("PushBody: already consumed");
    this.consumer = consumer;
    const held = this.pending;
    this.pending = [];
    let full = false;
    for (const p of held) {
      if (this.destroyed) return;
      if (p.kind === "data") full = !consumer.data(p.chunk) || full;
      else if (p.kind === "end") consumer.end();
      else consumer.error(p.err);
    }
    if (this.done || this.destroyed) return;
    // Paused while holding, or full now: the source must end up paused exactly when the consumer is full.
    if (full && !this.heldPause) this.source.pause();
    else if (!full && this.heldPause) this.source.resume();
  }

  resume(): void {
    if (!this.destroyed && !this.done) this.source.resume();
  }

  /** The consumer gives up: abort the transfer, deliver nothing more. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pending = [];
    if (!this.done) this.source.abort(new DOMException("The response body was cancelled", "AbortError"));
  }
}
