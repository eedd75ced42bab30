/**
 * The life of one upstream call: its abort signal, the idle timer, and the browser's signal.
 * Abort reasons tell apart "we gave up waiting" (timeout) from "the browser left" (quiet end).
 */
import type { AppError } from "../errors";
import { classifyFetchFailure } from "../upstream-error";

export interface RelayTimings {
  firstBytePingMs: number;
  pingIntervalMs: number;
  /** No byte from the upstream for this long aborts the call. */
  idleTimeoutMs: number;
}

export class UpstreamCall {
  private readonly controller = new AbortController();
  private readonly startedAt = Date.now();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = Date.now();
  private disposed = false;
  timedOut = false;
  clientGone = false;

  constructor(
    private readonly timings: RelayTimings,
    private readonly clientSignal?: AbortSignal,
  ) {
    if (clientSignal?.aborted) this.abortForClient();
    else clientSignal?.addEventListener("abort", this.onClientAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  elapsed(): number {
    return Date.now() - this.startedAt;
  }

  /**
   * Something arrived from the upstream. Called for every chunk, so it only stamps the time; the
   * one pending timer re-arms itself for the remainder when it finds the call was active meanwhile.
   */
  touch(): void {
    this.lastActivity = Date.now();
    if (this.idleTimer === undefined && !this.disposed) this.armIdleTimer(this.timings.idleTimeoutMs);
  }

  private armIdleTimer(delay: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.disposed) return;
      const idleFor = Date.now() - this.lastActivity;
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
