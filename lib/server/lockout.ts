/**
 * Lock-out after repeated wrong access codes from one client address.
 *
 * After `maxFailures` wrong codes within `windowMs`, the address is locked for `windowMs` from the
 * last failure; while locked every request is refused, even one with the right code, so guessing
 * cannot continue under cover of a valid attempt. A right code does not wipe earlier failures:
 * behind NAT (or in the shared bucket used when the address is unknown) one user's success must
 * not hand a guesser a fresh allowance; failures simply age out of the window.
 *
 * State lives in memory, in a Map bounded to `maxEntries` (expired entries are pruned first, then
 * the least recently touched), so an attacker rotating addresses cannot grow it without limit.
 * Pure: the clock is passed in, which makes the timing testable.
 */

export interface LockoutOptions {
  maxFailures: number;
  windowMs: number;
  maxEntries?: number;
}

export type LockState = { locked: false } | { locked: true; retryAfterSec: number };

interface Entry {
  /** Timestamps of recent failures, oldest first. */
  failures: number[];
  /** 0 = not locked. */
  lockedUntil: number;
}

export class Lockout {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxEntries: number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: LockoutOptions) {
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  get size(): number {
    return this.entries.size;
  }

  check(key: string, now: number): LockState {
    const entry = this.entries.get(key);
    if (!entry) return { locked: false };
    if (entry.lockedUntil > now) return { locked: true, retryAfterSec: Math.max(1, Math.ceil((entry.lockedUntil - now) / 1000)) };
    if (entry.lockedUntil !== 0 || this.isExpired(entry, now)) this.entries.delete(key);
    return { locked: false };
  }

  /** Records one wrong code; returns the state after it. */
  fail(key: string, now: number): LockState {
    return this.record(key, now).state;
  }

  /**
   * Records one wrong code; returns the state after it and how many wrong codes the window now
   * holds, this one included (0 = not counted: the address was already locked).
   */
  record(key: string, now: number): { count: number; state: LockState } {
    const current = this.check(key, now);
    if (current.locked) return { count: 0, state: current };
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key); // re-inserted below: Map order doubles as least-recently-touched order
    } else {
      this.makeRoom(now);
      entry = { failures: [], lockedUntil: 0 };
    }
    entry.failures = entry.failures.filter((t) => t > now - this.windowMs);
    entry.failures.push(now);
    const count = entry.failures.length;
    if (count >= this.maxFailures) {
      entry.lockedUntil = now + this.windowMs;
      entry.failures = [];
    }
    this.entries.set(key, entry);
    return { count, state: this.check(key, now) };
  }

  /** When the lock on `key` ends (ms since the epoch), or 0 when it is not locked at `now`. */
  lockedUntil(key: string, now: number): number {
    const until = this.entries.get(key)?.lockedUntil ?? 0;
    return until > now ? until : 0;
  }

  private isExpired(entry: Entry, now: number): boolean {
    if (entry.lockedUntil > now) return false;
    const last = entry.failures[entry.failures.length - 1];
    return last === undefined || last <= now - this.windowMs;
  }

  private makeRoom(now: number): void {
    if (this.entries.size < this.maxEntries) return;
    for (const [key, entry] of this.entries) if (this.isExpired(entry, now)) this.entries.delete(key);
    // Still full of live entries: drop the least recently touched tenth in one go, so a flood of
    // new addresses does not pay a full scan on every insert.
    if (this.entries.size >= this.maxEntries) {
      let drop = Math.max(1, Math.floor(this.maxEntries / 10));
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
  }
}
