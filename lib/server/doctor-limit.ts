import "server-only";
import { AppError } from "../errors";

/**
 * One server-side doctor run a minute per client: each run makes billed calls with the server's
 * key, so a page (or a script holding the access code) must not be able to loop it. Clients are
 * told apart by the address the access-code lock-out uses (lib/server/client-address.ts). Memory
 * only: with several instances behind a balancer, each counts its own runs.
 */

export const DOCTOR_INTERVAL_MS = 60_000;
/** More clients than this and the ones whose minute is over are forgotten. */
const PRUNE_AT = 10_000;

export type RunPermit = { ok: true } | { ok: false; retryAfterSec: number };

export class RunLimiter {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs = DOCTOR_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes this minute's run for `client`, or says how long until the next one. */
  take(client: string): RunPermit {
    const t = this.now();
    if (this.last.size >= PRUNE_AT) for (const [c, at] of this.last) if (t - at >= this.intervalMs) this.last.delete(c);
    const prev = this.last.get(client);
    if (prev !== undefined && t - prev < this.intervalMs) return { ok: false, retryAfterSec: Math.max(1, Math.ceil((this.intervalMs - (t - prev)) / 1000)) };
    this.last.set(client, t);
    return { ok: true };
  }
}

const HOLDER = Symbol.for("relaychat.doctorLimiter");
type Holder = { [HOLDER]?: RunLimiter };

/** The process-wide limiter (route handlers are bundled apart: globalThis is what they share). */
export function doctorLimiter(): RunLimiter {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= new RunLimiter();
  return holder[HOLDER];
}

/** The 429 of a second run within the minute; the message says it in both languages for scripts. */
export function doctorRateLimited(retryAfterSec: number): AppError {
  return new AppError({
    code: "doctor_rate_limited",
    status: 429,
    message: `The connection doctor runs at most once a minute: try again in ${retryAfterSec} s. / 连接诊断每分钟最多运行一次：请 ${retryAfterSec} 秒后再试。`,
  });
}
