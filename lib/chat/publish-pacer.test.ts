import { describe, expect, it } from "vitest";
import { createPublishPacer } from "./publish-pacer";

describe("createPublishPacer", () => {
  it("shows updates at the fastest rate while they are cheap", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    expect(pacer.interval()).toBe(80);
    for (let i = 0; i < 20; i++) pacer.record(6);
    expect(pacer.interval()).toBe(80);
  });

  it("spaces updates out so they take at most their share of the time", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 40; i++) pacer.record(30);
    expect(pacer.interval()).toBe(150);
    for (let i = 0; i < 40; i++) pacer.record(500);
    expect(pacer.interval()).toBe(400);
  });

  it("does not slow down for one slow update, and recovers when updates get cheap again", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 10; i++) pacer.record(5);
    pacer.record(60);
    expect(pacer.interval()).toBeLessThan(100);
    for (let i = 0; i < 10; i++) pacer.record(60);
    expect(pacer.interval()).toBeGreaterThan(250);
    for (let i = 0; i < 20; i++) pacer.record(4);
    expect(pacer.interval()).toBe(80);
  });

  it("ignores measurements that are not times", () => {
    const pacer = createPublishPacer();
    pacer.record(Number.NaN);
    pacer.record(-3);
    expect(pacer.interval()).toBe(80);
  });
});
