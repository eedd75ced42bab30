import "server-only";
import { randomBytes } from "node:crypto";
import Redis, { type RedisOptions } from "ioredis";
import type { RedisConfig } from "./env";
import type { SharedLockouts } from "./lockout-store";

/**
 * The lock-out's shared backend on Redis (REDIS_URL), behind lib/server/lockout-store.ts.
 *
 * Per address, a sorted set of failure times (a sliding window, as the memory Lockout keeps) and a
 * lock key that expires with the lock. One Lua script counts a failure atomically: drop the entries
 * older than the window, add this one, and at `maxFailures` set the lock, clear the count and
 * announce the lock on a pub/sub channel, so instances mirror it without asking per request.
 * Keys carry the address in a {hash tag}, so both keys of one address live on one cluster slot.
 *
 * Never in the way of a request: commands are only sent while connected (no offline queue), each
 * with a timeout, and ioredis reconnects on its own. One warning when Redis goes away, one line
 * when it is back; the URL in them is the redacted label (REDIS_URL may carry a password).
 */

const PREFIX = "relaychat:lockout:";
export const LOCK_CHANNEL = `${PREFIX}locks`;
const failuresKey = (address: string) => `${PREFIX}{${address}}:failures`;
const lockKey = (address: string) => `${PREFIX}{${address}}:lock`;
const LOCK_KEY_PATTERN = `${PREFIX}{*}:lock`;

// KEYS: failures, lock. ARGV: now, window ms, max failures, unique member, channel, address.
const RECORD_FAILURE = `
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then return {-1, ttl} end
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[4])
local n = redis.call('ZCARD', KEYS[1])
if n >= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', window)
  redis.call('PUBLISH', ARGV[5], window .. ' ' .. ARGV[6])
  return {n, window}
end
redis.call('PEXPIRE', KEYS[1], window)
return {n, 0}
`;

/**
 * How long a request waits on Redis (a half-open connection, an overloaded server) before the
 * store answers from memory for that one call; the connection itself is left alone.
 */
export const REQUEST_CALL_MS = 2000;
/** How long requests at a cold start wait for the first connection before counting in memory. */
export const START_WAIT_MS = 3000;

function withinLimit<T>(call: Promise<T>, ms = REQUEST_CALL_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("Redis did not answer in time")), ms);
  });
  return Promise.race([call, limit]).finally(() => clearTimeout(timer));
}

type WithScript = Redis & {
  relaychatRecordFailure(failures: string, lock: string, ...args: (string | number)[]): Promise<[number, number]>;
};

export interface RedisLockoutsOptions {
  maxFailures: number;
  windowMs: number;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

/** A connection error's gist (its code when it has one), with the password cut out in any case. */
export function describeRedisError(err: unknown, config: RedisConfig): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  let text = typeof e?.code === "string" ? e.code : typeof e?.message === "string" ? e.message : "connection closed";
  const url = new URL(config.url());
  for (const secret of [url.password, decodeURIComponent(url.password), config.url()]) {
    if (secret) text = text.split(secret).join("***");
  }
  return text.slice(0, 200);
}

export class RedisLockouts implements SharedLockouts {
  private readonly client: WithScript;
  private readonly subscriber: Redis;
  private readonly member = randomBytes(6).toString("hex");
  private seq = 0;
  private down = false;
  private everReady = false;
  private closing = false;
  private events?: { onLock(address: string, ttlMs: number): void; onReady(): void };
  private settleStart: () => void = () => {};
  starting: Promise<void> | null = new Promise<void>((resolve) => (this.settleStart = resolve));

  constructor(
    private readonly config: RedisConfig,
    private readonly options: RedisLockoutsOptions,
  ) {
    const base: RedisOptions = {
      connectionName: "relaychat-lockout",
      // Fail at once while disconnected: the store then counts in memory instead of waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // No ioredis commandTimeout: it also covers the connection's own ready check, and a server
      // busy loading its routes for over a second then took a healthy Redis for a lost one. The
      // calls made for a request have their own limit (REQUEST_CALL_MS) instead.
      // Generous: a server starting up on a busy machine can block its event loop for seconds,
      // and a shorter limit then fires before the (finished) connect is seen. Requests do not
      // wait this long: see START_WAIT_MS.
      connectTimeout: 10_000,
      retryStrategy: (times) => Math.min(times * 200, 5000),
    };
    this.client = new Redis(config.url(), base) as WithScript;
    this.client.defineCommand("relaychatRecordFailure", { numberOfKeys: 2, lua: RECORD_FAILURE });
    // The subscriber queues its SUBSCRIBE until connected and resubscribes after a reconnect.
    this.subscriber = new Redis(config.url(), { ...base, enableOfflineQueue: true });
    this.client.on("ready", () => this.onClientReady());
    this.client.on("error", (err) => this.onClientLost(err));
    this.client.on("close", () => this.onClientLost(undefined));
    // The command connection reports the outage; the subscriber's own errors would only repeat it.
    this.subscriber.on("error", () => {});
    this.subscriber.on("ready", () => this.events?.onReady());
    this.subscriber.on("message", (_channel: string, message: string) => this.onMessage(message));
    this.subscriber.subscribe(LOCK_CHANNEL).catch(() => {});
    setTimeout(() => this.endStart(), START_WAIT_MS).unref();
  }

  get ready(): boolean {
    return this.client.status === "ready";
  }

  listen(events: { onLock(address: string, ttlMs: number): void; onReady(): void }): void {
    this.events = events;
  }

  async recordFailure(address: string, now: number): Promise<{ count: number; lockTtlMs: number }> {
    const member = `${now}:${this.member}:${this.seq++}`;
    const { windowMs, maxFailures } = this.options;
    const call = this.client.relaychatRecordFailure(failuresKey(address), lockKey(address), now, windowMs, maxFailures, member, LOCK_CHANNEL, address);
    const [count, lockTtlMs] = await withinLimit(call);
    return { count: Number(count), lockTtlMs: Math.max(0, Number(lockTtlMs)) };
  }

  async lockTtl(address: string): Promise<number> {
    return Math.max(0, await withinLimit(this.client.pttl(lockKey(address))));
  }

  async currentLocks(): Promise<Array<[string, number]>> {
    const locks: Array<[string, number]> = [];
    let cursor = "0";
    do {
      const [next, keys] = await this.client.scan(cursor, "MATCH", LOCK_KEY_PATTERN, "COUNT", 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const pipeline = this.client.pipeline();
      for (const key of keys) pipeline.pttl(key);
      const ttls = (await pipeline.exec()) ?? [];
      keys.forEach((key, i) => {
        const [err, ttl] = ttls[i] ?? [];
        const address = key.slice(key.indexOf("{") + 1, key.lastIndexOf("}"));
        if (!err && typeof ttl === "number" && ttl > 0 && address) locks.push([address, ttl]);
      });
    } while (cursor !== "0");
    return locks;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.endStart();
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  /** The first connection attempt is over (connected or failed): requests stop waiting for it. */
  private endStart(): void {
    this.starting = null;
    this.settleStart();
  }

  private onMessage(message: string): void {
    const space = message.indexOf(" ");
    const ttl = Number(message.slice(0, space));
    const address = message.slice(space + 1);
    if (space > 0 && ttl > 0 && address) this.events?.onLock(address, ttl);
  }

  private onClientReady(): void {
    const { log = console.log } = this.options;
    if (this.down) log(`access: Redis at ${this.config.label} is back; lock-outs are shared again`);
    else if (!this.everReady) log(`access: lock-outs are shared through Redis at ${this.config.label}`);
    this.down = false;
    this.everReady = true;
    this.endStart();
    this.events?.onReady();
  }

  private onClientLost(err: unknown): void {
    if (this.down || this.closing) return;
    // 'close' follows a lost connection, 'error' a failed attempt: whichever comes first warns, once.
    if (err === undefined && !this.everReady) return;
    this.down = true;
    this.endStart();
    const { warn = console.warn } = this.options;
    warn(
      `access: Redis at ${this.config.label} is unreachable (${describeRedisError(err, this.config)}); ` +
        "wrong access codes are counted in this instance's memory meanwhile, known lock-outs stay; reconnecting in the background",
    );
  }
}
