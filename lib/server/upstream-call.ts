/**
 * The life of one upstream call: its abort signal, the idle timer, and the browser's signal.
 * Abort reasons tell apart "we gave up waiting" (timeout) from "the browser left" (quiet end).
 */
import type { AppError } from "../errors";
import { classifyFetchFailure } from "../upstream/errors";

/** The part of an AbortSignal the relay uses; a real AbortSignal fits. */
export interface AbortLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * A minimal abort signal: a flag, a reason and a listener list, without EventTarget. Creating a
 * real AbortSignal is one of the costlier steps of a proxied request, and the node:http fast path
 * needs two per request; fetch (the route handler) gets a real one from toAbortSignal().
 */
export class LightAbort implements AbortLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted) this.listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }
}

/** A real AbortSignal following `signal` (itself, if it is one). */
export function toAbortSignal(signal: AbortLike): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}

export interface RelayTimings {
  firstBytePingMs: number;
  pingIntervalMs: number;
  /** No byte from the upstream for this long aborts the call. */
  idleTimeoutMs: number;
}

export class UpstreamCall {
  private readonly controller = new LightAbort();
  // performance.now(): monotonic, and not wrapped by Next (which instruments Date.now() in its server).
  private readonly startedAt = performance.now();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = performance.now();
  private disposed = false;
  timedOut = false;
  clientGone = false;

  constructor(
    private readonly timings: RelayTimings,
    private readonly clientSignal?: AbortLike,
  ) {
    if (clientSignal?.aborted) this.abortForClient();
    else clientSignal?.addEventListener("abort", this.onClientAbort, { once: true });
    this.touch();
  }

  /** Aborts when the idle timer fires or the browser leaves; the reason tells which. */
  get signal(): AbortLike {
    return this.controller;
  }

  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  /**
   * Something arrived from the upstream. Called for every chunk, so it only stamps the time; the
   * one pending timer re-arms itself for the remainder when it finds the call was active meanwhile.
   */
  touch(): void {
    this.lastActivity = performance.now();
    if (this.idleTimer === undefined && !this.disposed) this.armIdleTimer(this.timings.idleTimeoutMs);
  }

  private armIdleTimer(delay: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.disposed) return;
      const idleFor = performance.now() - this.lastActivity;
      if (idleFor < this.timings.idleTimeoutMs) return this.armIdleTimer(this.timings.idleTimeoutMs - idleFor);
      this.timedOut = true;
      this.controller.abort(new DOMException("The upstream sent nothing for too long", "TimeoutError"));
    }, delay);
  }

  abortForClient(): void {
    this.clientGone = true;
    this.controller.abort(new DOMException("The client went away", "AbortError"));
  }

  private readonly onClientAbort = () => this.abortForClient();

  /** Maps a thrown fetch/read error to an AppError, knowing why we aborted, if we did. */
  failure(err: unknown, midStream: boolean): AppError {
    return classifyFetchFailure(err, { timedOut: this.timedOut, midStream });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.clientSignal?.removeEventListener("abort", this.onClientAbort);
  }
}
