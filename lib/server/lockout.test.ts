import { describe, expect, it } from "vitest";
import { Lockout } from "./lockout";

const MIN = 60_000;

describe("Lockout", () => {
  it("locks after maxFailures within the window and reports Retry-After", () => {
    const l = new Lockout({ maxFailures: 3, windowMs: 10 * MIN });
    const t0 = 1_000_000;
    expect(l.fail("a", t0)).toEqual({ locked: false });
    expect(l.fail("a", t0 + 1000)).toEqual({ locked: false });
    expect(l.fail("a", t0 + 2000)).toEqual({ locked: true, retryAfterSec: 600 });
    expect(l.check("a", t0 + 2000 + 59_500)).toEqual({ locked: true, retryAfterSec: 541 });
    // another address is not affected
    expect(l.check("b", t0 + 3000)).toEqual({ locked: false });
  });

  it("unlocks once the window has passed and starts counting afresh", () => {
    const l = new Lockout({ maxFailures: 2, windowMs: MIN });
    l.fail("a", 0);
    expect(l.fail("a", 10).locked).toBe(true);
    expect(l.check("a", 10 + MIN - 1).locked).toBe(true);
    expect(l.check("a", 10 + MIN)).toEqual({ locked: false });
    expect(l.fail("a", 10 + MIN + 5)).toEqual({ locked: false });
  });

  it("forgets failures older than the window (sliding window)", () => {
    const l = new Lockout({ maxFailures: 3, windowMs: MIN });
    l.fail("a", 0);
    l.fail("a", 1000);
    // the first two age out before the third arrives
    expect(l.fail("a", MIN + 1001)).toEqual({ locked: false });
    expect(l.fail("a", MIN + 2000)).toEqual({ locked: false });
    expect(l.fail("a", MIN + 3000).locked).toBe(true);
  });

  it("does not count further attempts while locked", () => {
    const l = new Lockout({ maxFailures: 1, windowMs: MIN });
    l.fail("a", 0);
    expect(l.fail("a", 30_000)).toEqual({ locked: true, retryAfterSec: 30 });
    // the lock still ends one window after the failure that triggered it
    expect(l.check("a", MIN).locked).toBe(false);
  });

  it("Retry-After is never 0 while locked", () => {
    const l = new Lockout({ maxFailures: 1, windowMs: 5000 });
    l.fail("a", 0);
    expect(l.check("a", 4999)).toEqual({ locked: true, retryAfterSec: 1 });
  });

  it("stays bounded: prunes expired entries, then the least recently touched", () => {
    const l = new Lockout({ maxFailures: 5, windowMs: 1000, maxEntries: 10 });
    for (let i = 0; i < 10; i++) l.fail(`old${i}`, 0);
    expect(l.size).toBe(10);
    l.fail("new", 5000); // all old entries expired
    expect(l.size).toBe(1);
    for (let i = 0; i < 20; i++) l.fail(`live${i}`, 5000 + i);
    expect(l.size).toBeLessThanOrEqual(10);
    // the most recent ones survive
    l.fail("live19", 5100);
    expect(l.check("live19", 5100).locked).toBe(false);
  });

  it("a locked entry is kept while live entries are pruned less recently used first", () => {
    const l = new Lockout({ maxFailures: 1, windowMs: 10_000, maxEntries: 10 });
    l.fail("attacker", 0);
    for (let i = 0; i < 5; i++) l.fail(`x${i}`, 1);
    l.fail("attacker", 2); // touched again: moves to the back
    expect(l.check("attacker", 3).locked).toBe(true);
  });
});
