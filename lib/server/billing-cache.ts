import "server-only";
import type { RelayResult } from "./relay";

/**
 * The billing paths (balance and usage of the server's key) are answered from memory for a
 * minute: however many tabs and code holders look, the relay is asked at most once a minute per
 * path and query. Errors are kept as long as answers (a relay that refuses would otherwise be
 * asked on every page load), except a call that never got an answer from the relay.
 */

export const BILLING_CACHE_MS = 60_000;

type Entry = { at: number; result: Promise<RelayResult<never>> };

export class BillingCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = BILLING_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer for `key`, or `run()`'s (shared by every caller while it runs). */
  get(key: string, run: () => Promise<RelayResult<never>>): Promise<RelayResult<never>> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.result;
    for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    const result = run();
    const entry = { at: now, result };
    this.entries.set(key, entry);
    result.catch((err: unknown) => {
      // Not an answer of the relay's (unreachable, timed out, our own bug): ask again next time.
      const status = (err as { status?: unknown })?.status;
      const code = (err as { code?: unknown })?.code;
      if (typeof status !== "number" || code === "upstream_unreachable" || code === "upstream_timeout" || code === "unknown") {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }
    });
    return result;
  }
}

/** A non-streamed relay result, whose body is always the whole answer as a string. */
export async function wholeAnswer<S>(result: Promise<RelayResult<S>>): Promise<RelayResult<never>> {
  const r = await result;
  if (typeof r.body !== "string") throw new Error("billing answers are never streamed");
  return { status: r.status, headers: r.headers, body: r.body };
}

const HOLDER = Symbol.for("relaychat.billingCache");

/** One cache per process, shared by the fast path and the route handler. */
export function billingCache(): BillingCache {
  const holder = globalThis as { [HOLDER]?: BillingCache };
  holder[HOLDER] ??= new BillingCache();
  return holder[HOLDER];
}
