/**
 * A one-value cache for the upstream's model list: fresh for `ttlMs`, one fetch at a time (callers
 * arriving meanwhile share it), and a refresh on request that is still refused within
 * `minIntervalMs` of the last fetch, so a refresh button cannot be turned into a flood of upstream
 * calls. A failed read is kept for a shorter `errorTtlMs`: a broken upstream is retried soon, but
 * not on every page load. The clock is injected so tests need no real time.
 */

export interface ListCacheOptions {
  ttlMs: number;
  errorTtlMs: number;
  minIntervalMs: number;
  now?: () => number;
}

export interface Cached<T> {
  value: T;
  /** When the fetch that produced it started (the clock's units, ms). */
  fetchedAt: number;
  failed: boolean;
}

export class ListCache<T> {
  private entry: Cached<T> | undefined;
  private pending: Promise<Cached<T>> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ListCacheOptions) {
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  /**
   * The cached value while fresh, else a new fetch. `refresh` skips freshness but not the minimum
   * interval. `fetcher` reports failure by resolving `{ failed: true }` rather than throwing, so a
   * failure is cached like a value; a thrown error is not cached and reaches every waiting caller.
   */
  get(fetcher: () => Promise<{ value: T; failed: boolean }>, refresh = false): Promise<Cached<T>> {
    if (this.pending) return this.pending;
    const now = this.now();
    const entry = this.entry;
    if (entry) {
      const age = now - entry.fetchedAt;
      const ttl = entry.failed ? this.options.errorTtlMs : this.options.ttlMs;
      if (age >= 0 && age < this.options.minIntervalMs) return Promise.resolve(entry);
      if (!refresh && age >= 0 && age < ttl) return Promise.resolve(entry);
    }
    const started = now;
    const run = fetcher().then(
      (result) => {
        this.entry = { value: result.value, failed: result.failed, fetchedAt: started };
        return this.entry;
      },
    );
    this.pending = run.finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  clear(): void {
    this.entry = undefined;
  }
}
