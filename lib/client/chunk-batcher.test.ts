import { describe, expect, it } from "vitest";
import { createChunkBatcher, type BatcherClock } from "./chunk-batcher";

function fakeClock() {
  let time = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: BatcherClock = {
    now: () => time,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.set(id, { at: time + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const until = time + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].fn();
    }
    time = until;
  };
  return { clock, advance, pending: () => timers.size };
}

describe("createChunkBatcher", () => {
  it("sends the first item at once, then groups what arrives within the interval", () => {
    const { clock, advance } = fakeClock();
    const sent: number[][] = [];
    const batcher = createChunkBatcher<number>((items) => sent.push(items), 25, clock);
    batcher.push(1);
    expect(sent).toEqual([[1]]);
    for (let i = 2; i <= 5; i++) {
      advance(5);
      batcher.push(i);
    }
    expect(sent).toEqual([[1]]);
    advance(5);
    expect(sent).toEqual([[1], [2, 3, 4, 5]]);
  });

  it("after a pause longer than the interval, sends the next item at once again", () => {
    const { clock, advance } = fakeClock();
    const sent: string[][] = [];
    const batcher = createChunkBatcher<string>((items) => sent.push(items), 25, clock);
    batcher.push("a");
    advance(100);
    batcher.push("b");
    expect(sent).toEqual([["a"], ["b"]]);
  });

  it("flush sends what waits and cancels the timer; an empty flush sends nothing", () => {
    const { clock, advance, pending } = fakeClock();
    const sent: number[][] = [];
    const batcher = createChunkBatcher<number>((items) => sent.push(items), 25, clock);
    batcher.push(1);
    advance(1);
    batcher.push(2);
    batcher.push(3);
    expect(pending()).toBe(1);
    batcher.flush();
    expect(sent).toEqual([[1], [2, 3]]);
    expect(pending()).toBe(0);
    batcher.flush();
    expect(sent).toHaveLength(2);
  });

  it("keeps every item, in order", () => {
    const { clock, advance } = fakeClock();
    const sent: number[][] = [];
    const batcher = createChunkBatcher<number>((items) => sent.push(items), 25, clock);
    for (let i = 0; i < 1000; i++) {
      batcher.push(i);
      advance(i % 7);
    }
    batcher.flush();
    expect(sent.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(sent.length).toBeLessThan(200);
  });
});
