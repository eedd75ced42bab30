import { describe, expect, it } from "vitest";
import { createPublishPacer, onStreamRenderCost, reportStreamRenderCost, type PublishPacer } from "./publish-pacer";

function update(pacer: PublishPacer, ms: number) {
  pacer.nextUpdate();
  pacer.record(ms);
}

describe("createPublishPacer", () => {
  it("shows updates at the fastest rate while they are cheap", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    expect(pacer.interval()).toBe(80);
    for (let i = 0; i < 20; i++) update(pacer, 6);
    expect(pacer.interval()).toBe(80);
  });

  it("spaces updates out so they take at most their share of the time", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 40; i++) update(pacer, 30);
    expect(pacer.interval()).toBe(150);
    for (let i = 0; i < 40; i++) update(pacer, 500);
    expect(pacer.interval()).toBe(400);
  });

  it("does not slow down for one slow update, and recovers when updates get cheap again", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 10; i++) update(pacer, 5);
    update(pacer, 60);
    expect(pacer.interval()).toBeLessThan(100);
    for (let i = 0; i < 10; i++) update(pacer, 60);
    expect(pacer.interval()).toBeGreaterThan(250);
    for (let i = 0; i < 20; i++) update(pacer, 4);
    expect(pacer.interval()).toBe(80);
  });

  it("ignores measurements that are not times", () => {
    const pacer = createPublishPacer();
    pacer.record(Number.NaN);
    pacer.record(-3);
    expect(pacer.interval()).toBe(80);
  });

  it("adds up the work one update causes: its render and the tree rendered after", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 30; i++) {
      pacer.nextUpdate();
      pacer.record(10);
      pacer.record(20);
    }
    expect(pacer.interval()).toBe(150);
  });

  it("counts an update still adding up once it costs more than the usual", () => {
    const pacer = createPublishPacer({ minMs: 80, maxMs: 400, share: 0.2 });
    for (let i = 0; i < 30; i++) update(pacer, 5);
    pacer.nextUpdate();
    pacer.record(200);
    expect(pacer.interval()).toBeGreaterThan(200);
  });

  it("passes renderer costs to whoever listens, until they stop", () => {
    const heard: number[] = [];
    const off = onStreamRenderCost((ms) => heard.push(ms));
    reportStreamRenderCost(12);
    off();
    reportStreamRenderCost(13);
    expect(heard).toEqual([12]);
  });
});
