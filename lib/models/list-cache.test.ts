import { describe, expect, it } from "vitest";
import { ListCache } from "./list-cache";

function setup(opts: Partial<{ ttlMs: number; errorTtlMs: number; minIntervalMs: number }> = {}) {
  let now = 1_000_000;
  let calls = 0;
  let fail = false;
  const cache = new ListCache<string>({ ttlMs: 300_000, errorTtlMs: 30_000, minIntervalMs: 10_000, ...opts, now: () => now });
  const fetcher = async () => {
    calls++;
    return { value: `v${calls}`, failed: fail };
  };
  return {
    cache,
    get: (refresh = false) => cache.get(fetcher, refresh),
    advance: (ms: number) => (now += ms),
    calls: () => calls,
    setFail: (f: boolean) => (fail = f),
  };
}

describe("ListCache", () => {
  it("serves the cached value while fresh, fetches again once stale", async () => {
    const t = setup();
    expect((await t.get()).value).toBe("v1");
    t.advance(299_000);
    expect((await t.get()).value).toBe("v1");
    t.advance(2_000);
    expect((await t.get()).value).toBe("v2");
    expect(t.calls()).toBe(2);
  });

  it("refresh fetches again, but not within the minimum interval", async () => {
    const t = setup();
    await t.get();
    t.advance(5_000);
    expect((await t.get(true)).value).toBe("v1");
    t.advance(5_000);
    expect((await t.get(true)).value).toBe("v2");
    expect((await t.get(true)).value).toBe("v2");
  });

  it("keeps a failure for the shorter error TTL", async () => {
    const t = setup();
    t.setFail(true);
    expect(await t.get()).toMatchObject({ value: "v1", failed: true });
    t.advance(20_000);
    expect((await t.get()).value).toBe("v1");
    t.setFail(false);
    t.advance(11_000);
    expect(await t.get()).toMatchObject({ value: "v2", failed: false });
  });

  it("callers during a fetch share it", async () => {
    const t = setup();
    const [a, b, c] = await Promise.all([t.get(), t.get(true), t.get()]);
    expect([a.value, b.value, c.value]).toEqual(["v1", "v1", "v1"]);
    expect(t.calls()).toBe(1);
  });

  it("a thrown error is not cached", async () => {
    let n = 0;
    const cache = new ListCache<number>({ ttlMs: 1000, errorTtlMs: 1000, minIntervalMs: 0, now: () => 0 });
    await expect(cache.get(async () => { n++; throw new Error("boom"); })).rejects.toThrow("boom");
    expect((await cache.get(async () => ({ value: ++n, failed: false }))).value).toBe(2);
  });

  it("records when the fetch started", async () => {
    const t = setup();
    expect((await t.get()).fetchedAt).toBe(1_000_000);
  });
});
