import "server-only";
import { Lockout, type LockState } from "./lockout";

/**
 * The access-code lock-out as the gate uses it: this process's memory (lib/server/lockout.ts),
 * optionally joined by a shared backend (Redis, lib/server/redis-lockouts.ts) so that every
 * instance sees the same lock-outs and a restart keeps them.
 *
 * Keeping the right code's path fast: shared locks are mirrored in memory (loaded when the backend
 * connects or reconnects, then kept current by its announcements), so a check costs a Map lookup.
 * The backend is asked only the first time this process sees an address (so a restarted or new
 * instance refuses an address locked elsewhere) and when a wrong code is counted; then its answer,
 * the count over all instances, decides the lock-out. Every failure is also counted here at once,
 * and the stricter of the two answers wins, so an unreachable backend never lifts a lock early
 * and never lets anything through that memory alone would refuse.
 *
 * Logging (section 6 of issue 8): one line per refused code with the address, time and running
 * count, never the code; a line when a lock-out starts (with its end), and one when it ends, by a
 * timer (unref'd), on the instance that saw the failure that locked it. Pure apart from the injected
 * clock, logger and timer, which the tests fake.
 */

/** What the store needs from a shared backend; `ready` false = not connected, so not asked. */
export interface SharedLockouts {
  readonly ready: boolean;
  /** Pending while the first connection attempt runs (a cold start, bounded): wait for it rather than count alone. */
  readonly starting: Promise<void> | null;
  /** Counts one wrong code atomically. count -1 = the address was already locked (not counted). */
  recordFailure(address: string, now: number): Promise<{ count: number; lockTtlMs: number }>;
  /** Milliseconds left on the address's lock; 0 = not locked. */
  lockTtl(address: string): Promise<number>;
  /** Every current lock as [address, milliseconds left]. */
  currentLocks(): Promise<Array<[string, number]>>;
  /** onLock: a lock announced by any instance; onReady: (re)connected, so announcements may have been missed. */
  listen(events: { onLock(address: string, ttlMs: number): void; onReady(): void }): void;
  close(): Promise<void>;
}

export interface LockoutStoreOptions {
  maxFailures: number;
  windowMs: number;
  shared?: SharedLockouts | null;
  clock?: () => number;
  log?: (line: string) => void;
  schedule?: (run: () => void, ms: number) => void;
  maxEntries?: number;
}

export interface FailureOutcome {
  /** Wrong codes within the window, this one included; 0 = not counted (already locked). */
  count: number;
  /** Whether `count` is the count over all instances (false: this process only). */
  shared: boolean;
  state: LockState;
}

const UNLOCKED: LockState = { locked: false };
// setTimeout holds at most 2^31-1 ms; a longer lock is re-armed when the timer fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

function lockedFor(until: number, now: number): LockState {
  return { locked: true, retryAfterSec: Math.max(1, Math.ceil((until - now) / 1000)) };
}

function defaultSchedule(run: () => void, ms: number): void {
  setTimeout(run, ms).unref();
}

export function describeWindow(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

export class LockoutStore {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly shared: SharedLockouts | null;
  private readonly local: Lockout;
  private readonly clock: () => number;
  private readonly log: (line: string) => void;
  private readonly schedule: (run: () => void, ms: number) => void;
  private readonly maxEntries: number;
  /** Shared locks mirrored here: address → end (this process's clock). */
  private readonly mirrored = new Map<string, number>();
  /** Addresses whose shared state was asked once; Map order = least recently touched first. */
  private readonly seen = new Map<string, true>();
  private readonly lookups = new Map<string, Promise<void>>();
  /** Lock-outs whose start this instance logged, awaiting their end line. */
  private readonly ending = new Map<string, { refused: number }>();

  constructor(options: LockoutStoreOptions) {
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.local = new Lockout({ maxFailures: options.maxFailures, windowMs: options.windowMs, maxEntries: this.maxEntries });
    this.shared = options.shared ?? null;
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? ((line) => console.warn(line));
    this.schedule = options.schedule ?? defaultSchedule;
    this.shared?.listen({
      onLock: (address, ttlMs) => this.mirror(address, this.clock() + ttlMs),
      onReady: () => void this.reload(),
    });
  }

  /** When the address's lock ends (memory or shared, whichever is later); 0 = not locked. */
  lockedUntil(address: string, now: number): number {
    const local = this.local.lockedUntil(address, now);
    const shared = this.mirrored.get(address);
    if (shared !== undefined && shared <= now) this.mirrored.delete(address);
    return Math.max(local, shared !== undefined && shared > now ? shared : 0);
  }

  /**
   * Synchronous from memory, except on the first sight of an address while the backend is up, and
   * while the first connection attempt runs.
   */
  check(address: string, now: number): LockState | Promise<LockState> {
    const starting = this.shared?.starting;
    if (starting) return starting.then(() => this.check(address, now));
    const until = this.lockedUntil(address, now);
    if (until > now) {
      const ending = this.ending.get(address);
      if (ending) ending.refused++;
      return lockedFor(until, now);
    }
    if (!this.shared?.ready || this.seen.has(address)) return UNLOCKED;
    return this.lookup(address).then(() => {
      const after = this.lockedUntil(address, now);
      return after > now ? lockedFor(after, now) : UNLOCKED;
    });
  }

  /** Counts a wrong code here at once and in the backend; logs it, and a lock-out it starts. */
  fail(address: string, now: number): FailureOutcome | Promise<FailureOutcome> {
    const starting = this.shared?.starting;
    if (starting) return starting.then(() => this.fail(address, now));
    const local = this.local.record(address, now);
    const shared = this.shared;
    const localLocked = local.count >= this.maxFailures;
    if (!shared?.ready) return this.settle(address, now, local.count, false, localLocked);
    return shared.recordFailure(address, now).then(
      ({ count, lockTtlMs }) => {
        this.markSeen(address);
        if (lockTtlMs > 0) this.mirror(address, this.clock() + lockTtlMs);
        return this.settle(address, now, Math.max(count, 0), true, localLocked || count >= this.maxFailures);
      },
      // The backend failed mid-call: this process's count decides, as when it is down.
      () => this.settle(address, now, local.count, false, localLocked),
    );
  }

  /** Logs the failure, and the lock-out's start when this failure started it (`locking`). */
  private settle(address: string, now: number, count: number, shared: boolean, locking: boolean): FailureOutcome {
    const until = this.lockedUntil(address, now);
    const at = new Date(now).toISOString();
    const window = describeWindow(this.windowMs);
    const scope = shared ? ", all instances" : this.shared ? ", this instance only: Redis unreachable" : "";
    const tally = count > 0 ? `${count} of ${this.maxFailures} within ${window}${scope}` : "already locked out";
    this.log(`access: wrong access code from ${address} at ${at} (${tally})`);
    if (locking && until > now && !this.ending.has(address)) {
      this.log(`access: ${address} locked out from ${at} until ${new Date(until).toISOString()} (${this.maxFailures} wrong codes within ${window})`);
      if (this.ending.size < this.maxEntries) {
        this.ending.set(address, { refused: 0 });
        this.armEnd(address, until - now);
      }
    }
    return { count, shared, state: until > now ? lockedFor(until, now) : UNLOCKED };
  }

  private armEnd(address: string, ms: number): void {
    this.schedule(() => {
      const now = this.clock();
      const until = this.lockedUntil(address, now);
      if (until > now) return this.armEnd(address, until - now);
      const refused = this.ending.get(address)?.refused ?? 0;
      this.ending.delete(address);
      this.log(`access: lock-out of ${address} ended at ${new Date(now).toISOString()} (${refused} request(s) refused during it here)`);
    }, Math.min(Math.max(ms, 1), MAX_TIMER_MS));
  }

  private lookup(address: string): Promise<void> {
    let pending = this.lookups.get(address);
    if (!pending) {
      pending = this.shared!.lockTtl(address)
        .then(
          (ttl) => {
            this.markSeen(address);
            if (ttl > 0) this.mirror(address, this.clock() + ttl);
          },
          // Unreachable: memory decides for now; the next request asks again.
          () => {},
        )
        .finally(() => this.lookups.delete(address));
      this.lookups.set(address, pending);
    }
    return pending;
  }

  /** Loads every current shared lock (on connect and reconnect: announcements may have been missed). */
  async reload(): Promise<void> {
    try {
      const locks = await this.shared!.currentLocks();
      const now = this.clock();
      for (const [address, ttl] of locks) if (ttl > 0) this.mirror(address, now + ttl);
    } catch {
      // Lost again before the load finished: the next 'ready' loads them.
    }
  }

  private mirror(address: string, until: number): void {
    const current = this.mirrored.get(address);
    // Never shortened: a later announcement can only extend what is known.
    if (current !== undefined && current >= until) return;
    if (current === undefined && this.mirrored.size >= this.maxEntries) this.pruneMirror();
    this.mirrored.set(address, until);
    this.markSeen(address);
  }

  private pruneMirror(): void {
    const now = this.clock();
    for (const [address, until] of this.mirrored) if (until <= now) this.mirrored.delete(address);
    // Still full: drop the oldest tenth. Their addresses count as unseen again, so the next
    // request from one of them asks the backend, which still holds the lock.
    let drop = this.mirrored.size >= this.maxEntries ? Math.max(1, Math.floor(this.maxEntries / 10)) : 0;
    for (const address of this.mirrored.keys()) {
      if (drop-- <= 0) break;
      this.mirrored.delete(address);
      this.seen.delete(address);
    }
  }

  private markSeen(address: string): void {
    this.seen.delete(address);
    if (this.seen.size >= this.maxEntries) {
      let drop = Math.max(1, Math.floor(this.maxEntries / 10));
      for (const key of this.seen.keys()) {
        if (drop-- <= 0) break;
        // A mirrored lock stays in force; only the "asked already" mark goes.
        this.seen.delete(key);
      }
    }
    this.seen.set(address, true);
  }

  async close(): Promise<void> {
    await this.shared?.close();
  }
}
