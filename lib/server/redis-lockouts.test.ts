// Integration test of the Redis backend against a real redis-server (Debian's, started here on a
// free loopback port and stopped by PID). Skipped, with a note, where redis-server is missing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, redisAvailable, startRedis } from "../../e2e/redis-server";
import { parseEnv, type RedisConfig } from "./env";
import { LockoutStore } from "./lockout-store";
import { describeRedisError, RedisLockouts } from "./redis-lockouts";

const PASSWORD = "redis-pass-Zq81";
// How long a poll may wait for a (re)connection before the test fails: failure detection only,
// generous for a loaded machine (reconnect attempts back off up to 5 s).
const POLL = { timeout: 30_000, interval: 50 };
const WINDOW = 600_000;

if (!redisAvailable) console.warn("redis-lockouts.test.ts: redis-server is missing, Redis integration tests skipped");

describe.skipIf(!redisAvailable)("RedisLockouts on a real redis-server", () => {
  let redis: RedisServer;
  let config: RedisConfig;
  const lines: string[] = [];
  const opened: LockoutStore[] = [];

  function instance(): LockoutStore {
    const shared = new RedisLockouts(config, { maxFailures: 3, windowMs: WINDOW, log: (l) => lines.push(l), warn: (l) => lines.push(`WARN ${l}`) });
    const store = new LockoutStore({ maxFailures: 3, windowMs: WINDOW, shared, log: (l) => lines.push(l) });
    opened.push(store);
    return store;
  }
  const connected = (store: LockoutStore) => expect.poll(() => store.shared?.ready, POLL).toBe(true);

  beforeAll(async () => {
    redis = await startRedis({ password: PASSWORD });
    config = parseEnv({ REDIS_URL: redis.url }).redis!;
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await redis?.stop();
  });

  it("counts failures of several instances atomically into one lock-out, announced to all", async () => {
    const [a, b] = [instance(), instance()];
    await connected(a);
    await connected(b);
    // b has seen the address before the lock, so only the announcement can tell it.
    expect(await b.check("203.0.113.50", Date.now())).toEqual({ locked: false });
    const results = await Promise.all([a.fail("203.0.113.50", Date.now()), b.fail("203.0.113.50", Date.now())]);
    expect(results.map((r) => r.count).sort()).toEqual([1, 2]);
    const third = await a.fail("203.0.113.50", Date.now());
    expect(third).toMatchObject({ count: 3, shared: true, state: { locked: true } });
    await expect.poll(() => b.check("203.0.113.50", Date.now()), POLL).toMatchObject({ locked: true });
    // A wrong code reaching an instance that did not know yet is not counted again.
    const c = instance();
    await connected(c);
    expect(await c.fail("203.0.113.50", Date.now())).toMatchObject({ count: 0, shared: true, state: { locked: true } });
  });

  it("a new instance refuses a locked address on first sight, and loads every lock when it connects", async () => {
    const a = instance();
    await connected(a);
    for (let i = 0; i < 3; i++) await a.fail("192.0.2.80", Date.now());
    const fresh = instance();
    await connected(fresh);
    await expect.poll(() => fresh.lockedUntil("192.0.2.80", Date.now()), POLL).toBeGreaterThan(Date.now() + WINDOW - 60_000);
    const other = instance();
    await connected(other);
    expect(await other.check("192.0.2.80", Date.now())).toMatchObject({ locked: true });
    expect(await (other.shared as RedisLockouts).currentLocks()).toContainEqual(["192.0.2.80", expect.any(Number)]);
  });

  it("Redis gone: one warning, memory counts, known locks stay; back: one line, shared again", async () => {
    const a = instance();
    await connected(a);
    for (let i = 0; i < 3; i++) await a.fail("198.51.100.70", Date.now());
    const before = lines.length;
    await redis.stop("SIGKILL");
    await expect.poll(() => a.shared?.ready, POLL).toBe(false);
    expect(await a.check("198.51.100.70", Date.now())).toMatchObject({ locked: true });
    for (let i = 0; i < 3; i++) await a.fail("198.51.100.71", Date.now());
    expect(await a.check("198.51.100.71", Date.now())).toMatchObject({ locked: true });
    expect(await a.check("198.51.100.72", Date.now())).toEqual({ locked: false });
    const warnings = () => lines.slice(before).filter((l) => l.startsWith("WARN"));
    // Every open instance warns once (each has its own connection), not once per retry.
    await expect.poll(() => warnings().length, POLL).toBe(opened.length);
    expect(warnings()[0]).toContain(`Redis at redis://127.0.0.1:${redis.port} is unreachable`);
    redis = await startRedis({ port: redis.port, password: PASSWORD });
    await expect.poll(() => lines.slice(before).filter((l) => l.includes("is back; lock-outs are shared again")).length, POLL).toBe(opened.length);
    expect(warnings()).toHaveLength(opened.length);
    expect(await a.check("198.51.100.70", Date.now())).toMatchObject({ locked: true });
    // The new redis-server has never seen the script: ioredis loads it again (NOSCRIPT → EVAL).
    expect(await a.fail("198.51.100.73", Date.now())).toMatchObject({ count: 1, shared: true });
    expect(lines.join("\n")).not.toContain(PASSWORD);
  });

  it("a wrong password is reported without the password", async () => {
    const bad = parseEnv({ REDIS_URL: `redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}` }).redis!;
    const warnings: string[] = [];
    const shared = new RedisLockouts(bad, { maxFailures: 3, windowMs: WINDOW, log: () => {}, warn: (l) => warnings.push(l) });
    try {
      await expect.poll(() => warnings.length, POLL).toBeGreaterThan(0);
      expect(warnings[0]).toContain("unreachable");
      expect(warnings.join("\n")).not.toContain(PASSWORD);
      expect(shared.ready).toBe(false);
    } finally {
      await shared.close();
    }
  });
});

describe("describeRedisError", () => {
  it("gives the error code, or the message with any password cut out", () => {
    const config = parseEnv({ REDIS_URL: "redis://:s3cr%40t@h:6379" }).redis!;
    expect(describeRedisError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), config)).toBe("ECONNREFUSED");
    expect(describeRedisError(new Error("bad s3cr@t and s3cr%40t"), config)).toBe("bad *** and ***");
    expect(describeRedisError(undefined, config)).toBe("connection closed");
  });
});
