import { describe, expect, it } from "vitest";
import { describeWindow, LockoutStore, type SharedLockouts } from "./lockout-store";

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

/** A clock and timers that move only when told to. */
class FakeClock {
  now = T0;
  private timers: { at: number; run: () => void }[] = [];
  readonly read = () => this.now;
  readonly schedule = (run: () => void, ms: number) => void this.timers.push({ at: this.now + ms, run });
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.now = next.at;
      next.run();
    }
    this.now = until;
  }
  get pending(): number {
    return this.timers.length;
  }
}

/** An in-memory stand-in for Redis shared by several stores, on the same fake clock. */
class FakeShared {
  ready = true;
  starting: Promise<void> | null = null;
  calls = 0;
  private failures = new Map<string, number[]>();
  private locks = new Map<string, number>();
  private listeners: { onLock(address: string, ttlMs: number): void; onReady(): void }[] = [];
  constructor(
    private clock: FakeClock,
    private max: number,
    private windowMs: number,
  ) {}
  /** One instance's view of this backend. */
  client(): SharedLockouts {
    const backend = this;
    let events: { onLock(address: string, ttlMs: number): void; onReady(): void } | undefined;
    return {
      get ready() {
        return backend.ready;
      },
      get starting() {
        return backend.starting;
      },
      recordFailure: async (address, now) => backend.up(() => backend.record(address, now)),
      lockTtl: async (address) => backend.up(() => backend.ttl(address)),
      currentLocks: async () => backend.up(() => [...backend.locks.keys()].map((a) => [a, backend.ttl(a)] as [string, number]).filter(([, t]) => t > 0)),
      listen: (e) => {
        events = e;
        backend.listeners.push({ onLock: (a, t) => events?.onLock(a, t), onReady: () => events?.onReady() });
      },
      close: async () => {},
    };
  }
  private up<T>(run: () => T): T {
    this.calls++;
    if (!this.ready) throw new Error("ECONNREFUSED");
    return run();
  }
  private ttl(address: string): number {
    return Math.max(0, (this.locks.get(address) ?? 0) - this.clock.now);
  }
  private record(address: string, now: number) {
    if (this.ttl(address) > 0) return { count: -1, lockTtlMs: this.ttl(address) };
    const list = (this.failures.get(address) ?? []).filter((t) => t > now - this.windowMs);
    list.push(now);
    this.failures.set(address, list);
    if (list.length < this.max) return { count: list.length, lockTtlMs: 0 };
    this.failures.delete(address);
    this.locks.set(address, this.clock.now + this.windowMs);
    for (const l of this.listeners) l.onLock(address, this.windowMs);
    return { count: list.length, lockTtlMs: this.windowMs };
  }
  reconnect(): void {
    this.ready = true;
    for (const l of this.listeners) l.onReady();
  }
}

function setup(options: { max?: number; windowMs?: number; instances?: number; shared?: boolean } = {}) {
  const clock = new FakeClock();
  const max = options.max ?? 3;
  const windowMs = options.windowMs ?? 10 * MIN;
  const backend = options.shared === false ? null : new FakeShared(clock, max, windowMs);
  const logs: string[][] = [];
  const stores = Array.from({ length: options.instances ?? 1 }, (_, i) => {
    logs.push([]);
    return new LockoutStore({ maxFailures: max, windowMs, shared: backend?.client(), clock: clock.read, schedule: clock.schedule, log: (l) => logs[i].push(l) });
  });
  return { clock, backend, stores, logs };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("LockoutStore in memory (no REDIS_URL)", () => {
  it("locks after maxFailures, answers synchronously, and logs each failure, the start and the end", async () => {
    const { clock, stores, logs } = setup({ shared: false });
    const [store] = stores;
    expect(store.fail("203.0.113.7", clock.now)).toMatchObject({ count: 1, shared: false, state: { locked: false } });
    clock.advance(1000);
    store.fail("203.0.113.7", clock.now);
    clock.advance(1000);
    expect(store.fail("203.0.113.7", clock.now)).toMatchObject({ count: 3, state: { locked: true, retryAfterSec: 600 } });
    expect(store.check("203.0.113.7", clock.now)).toEqual({ locked: true, retryAfterSec: 600 });
    expect(store.check("203.0.113.8", clock.now)).toEqual({ locked: false });
    expect(logs[0]).toEqual([
      "access: wrong access code from 203.0.113.7 at 2026-11-24T10:00:00.000Z (1 of 3 within 10 min)",
      "access: wrong access code from 203.0.113.7 at 2026-11-24T10:00:01.000Z (2 of 3 within 10 min)",
      "access: wrong access code from 203.0.113.7 at 2026-11-24T10:00:02.000Z (3 of 3 within 10 min)",
      "access: 203.0.113.7 locked out from 2026-11-24T10:00:02.000Z until 2026-11-24T10:10:02.000Z (3 wrong codes within 10 min)",
    ]);
    clock.advance(10 * MIN - 1);
    expect(store.check("203.0.113.7", clock.now)).toMatchObject({ locked: true });
    expect(logs[0]).toHaveLength(4);
    clock.advance(1);
    expect(logs[0][4]).toBe("access: lock-out of 203.0.113.7 ended at 2026-11-24T10:10:02.000Z (2 request(s) refused during it here)");
    expect(store.check("203.0.113.7", clock.now)).toEqual({ locked: false });
  });

  it("describes windows in minutes or seconds", () => {
    expect(describeWindow(600_000)).toBe("10 min");
    expect(describeWindow(90_000)).toBe("90 s");
  });
});

describe("LockoutStore shared through a backend", () => {
  it("failures on two instances add up; the shared count decides; the other instance refuses at once", async () => {
    const { clock, stores, logs } = setup({ instances: 2 });
    const [a, b] = stores;
    expect(await a.fail("198.51.100.9", clock.now)).toMatchObject({ count: 1, shared: true });
    expect(await b.fail("198.51.100.9", clock.now)).toMatchObject({ count: 2, shared: true });
    const third = await a.fail("198.51.100.9", clock.now);
    expect(third).toMatchObject({ count: 3, shared: true, state: { locked: true } });
    // b learnt of the lock from the announcement: its check needs no round trip.
    expect(b.check("198.51.100.9", clock.now)).toEqual({ locked: true, retryAfterSec: 600 });
    expect(logs[1]).toEqual(["access: wrong access code from 198.51.100.9 at 2026-11-24T10:00:00.000Z (2 of 3 within 10 min, all instances)"]);
    expect(logs[0].at(-1)).toContain("198.51.100.9 locked out from 2026-11-24T10:00:00.000Z until 2026-11-24T10:10:00.000Z");
    // Only the instance that saw the locking failure logs the end.
    clock.advance(10 * MIN);
    expect(logs[0].at(-1)).toMatch(/^access: lock-out of 198\.51\.100\.9 ended at 2026-11-24T10:10:00\.000Z/);
    expect(logs[1]).toHaveLength(1);
  });

  it("asks the backend the first time it sees an address (a new or restarted instance), then answers from memory", async () => {
    const { clock, backend, stores } = setup({ instances: 1 });
    const [a] = stores;
    for (let i = 0; i < 3; i++) await a.fail("192.0.2.1", clock.now);
    // An instance created after the lock (no announcement reached it).
    const restarted = new LockoutStore({ maxFailures: 3, windowMs: 10 * MIN, shared: backend!.client(), clock: clock.read, schedule: clock.schedule, log: () => {} });
    const calls = backend!.calls;
    const first = restarted.check("192.0.2.1", clock.now);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ locked: true });
    expect(restarted.check("192.0.2.1", clock.now)).toMatchObject({ locked: true });
    // An unlocked address is asked once, then answered synchronously.
    expect(await restarted.check("192.0.2.2", clock.now)).toEqual({ locked: false });
    expect(restarted.check("192.0.2.2", clock.now)).toEqual({ locked: false });
    expect(backend!.calls - calls).toBe(2);
  });

  it("a wrong code for an address locked elsewhere is not counted, and its lock-out is not logged as starting here", async () => {
    const { clock, backend, stores } = setup({ instances: 1 });
    for (let i = 0; i < 3; i++) await stores[0].fail("192.0.2.40", clock.now);
    const logs: string[] = [];
    // Created after the announcement, and never asked about the address: only the failure tells it.
    const late = new LockoutStore({ maxFailures: 3, windowMs: 10 * MIN, shared: backend!.client(), clock: clock.read, log: (l) => logs.push(l) });
    clock.advance(1000);
    expect(await late.fail("192.0.2.40", clock.now)).toMatchObject({ count: 0, shared: true, state: { locked: true, retryAfterSec: 599 } });
    expect(logs).toEqual(["access: wrong access code from 192.0.2.40 at 2026-11-24T10:00:01.000Z (already locked out)"]);
  });

  it("loads the current locks when the backend (re)connects", async () => {
    const { clock, backend, stores } = setup({ instances: 1 });
    for (let i = 0; i < 3; i++) await stores[0].fail("192.0.2.5", clock.now);
    const late = new LockoutStore({ maxFailures: 3, windowMs: 10 * MIN, shared: backend!.client(), clock: clock.read, log: () => {} });
    backend!.reconnect();
    await flush();
    backend!.ready = false; // the lock is known from the load alone
    expect(late.check("192.0.2.5", clock.now)).toMatchObject({ locked: true });
  });

  it("backend down: counts in memory, keeps known locks to their end, never lets a wrong code count as right", async () => {
    const { clock, backend, stores, logs } = setup({ instances: 2 });
    const [a, b] = stores;
    for (let i = 0; i < 3; i++) await a.fail("203.0.113.1", clock.now);
    expect(b.check("203.0.113.1", clock.now)).toMatchObject({ locked: true });
    backend!.ready = false;
    clock.advance(5 * MIN);
    // Known lock-outs stay for their whole length on both instances.
    expect(a.check("203.0.113.1", clock.now)).toMatchObject({ locked: true, retryAfterSec: 300 });
    expect(b.check("203.0.113.1", clock.now)).toMatchObject({ locked: true, retryAfterSec: 300 });
    // A new address is answered from memory at once (no waiting on the backend) and counted there.
    expect(b.check("203.0.113.2", clock.now)).toEqual({ locked: false });
    expect(b.fail("203.0.113.2", clock.now)).toMatchObject({ count: 1, shared: false });
    b.fail("203.0.113.2", clock.now);
    expect(b.fail("203.0.113.2", clock.now)).toMatchObject({ count: 3, shared: false, state: { locked: true } });
    expect(logs[1]).toContain("access: wrong access code from 203.0.113.2 at 2026-11-24T10:05:00.000Z (1 of 3 within 10 min, this instance only: Redis unreachable)");
    clock.advance(5 * MIN);
    expect(a.check("203.0.113.1", clock.now)).toEqual({ locked: false });
  });

  it("a cold start waits for the first connection attempt instead of counting alone", async () => {
    const { clock, backend, stores } = setup({ instances: 2 });
    for (let i = 0; i < 3; i++) await stores[0].fail("192.0.2.30", clock.now);
    let connected = () => {};
    backend!.starting = new Promise<void>((resolve) => (connected = resolve));
    backend!.ready = false;
    const logs: string[] = [];
    const cold = new LockoutStore({ maxFailures: 3, windowMs: 10 * MIN, shared: backend!.client(), clock: clock.read, log: (l) => logs.push(l) });
    const check = cold.check("192.0.2.30", clock.now);
    const fail = cold.fail("192.0.2.31", clock.now);
    backend!.starting = null;
    backend!.ready = true;
    connected();
    expect(await check).toMatchObject({ locked: true });
    expect(await fail).toMatchObject({ count: 1, shared: true });
  });

  it("a backend call failing mid-way falls back to this instance's count", async () => {
    const clock = new FakeClock();
    const failing = new LockoutStore({
      maxFailures: 2,
      windowMs: MIN,
      shared: { ...fakeDown(), ready: true },
      clock: clock.read,
      log: () => {},
    });
    expect(await failing.fail("192.0.2.9", clock.now)).toMatchObject({ count: 1, shared: false });
    expect(await failing.fail("192.0.2.9", clock.now)).toMatchObject({ count: 2, state: { locked: true } });
    expect(await failing.check("192.0.2.10", clock.now)).toEqual({ locked: false });
  });

  it("a later announcement never shortens a known lock", async () => {
    const { clock, backend, stores } = setup({ instances: 1 });
    const [a] = stores;
    for (let i = 0; i < 3; i++) await a.fail("192.0.2.7", clock.now);
    backend!.ready = false;
    clock.advance(MIN);
    // While the backend is down this instance keeps counting; the lock it knows stays whole.
    expect(a.lockedUntil("192.0.2.7", clock.now)).toBe(T0 + 10 * MIN);
    backend!.reconnect();
    await flush();
    expect(a.lockedUntil("192.0.2.7", clock.now)).toBe(T0 + 10 * MIN);
  });
});

function fakeDown(): SharedLockouts {
  const fail = () => Promise.reject(new Error("ETIMEDOUT"));
  return { ready: false, starting: null, recordFailure: fail, lockTtl: fail, currentLocks: fail, listen: () => {}, close: async () => {} };
}
