import { describe, expect, it } from "vitest";
import { doctorRateLimited, RunLimiter } from "./doctor-limit";

describe("RunLimiter", () => {
  it("allows one run a minute per client", () => {
    let now = 1_000_000;
    const limiter = new RunLimiter(60_000, () => now);
    expect(limiter.take("10.0.0.1")).toEqual({ ok: true });
    now += 15_000;
    expect(limiter.take("10.0.0.1")).toEqual({ ok: false, retryAfterSec: 45 });
    // Another client is not held up by the first.
    expect(limiter.take("10.0.0.2")).toEqual({ ok: true });
    now += 45_000;
    expect(limiter.take("10.0.0.1")).toEqual({ ok: true });
  });

  it("never says to retry in 0 s", () => {
    let now = 0;
    const limiter = new RunLimiter(60_000, () => now);
    limiter.take("a");
    now = 59_999;
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterSec: 1 });
  });
});

describe("doctorRateLimited", () => {
  it("is a 429 whose message says it in English and Chinese", () => {
    const e = doctorRateLimited(42);
    expect([e.status, e.code]).toEqual([429, "doctor_rate_limited"]);
    expect(e.message).toContain("42 s");
    expect(e.message).toContain("42 秒");
  });
});
