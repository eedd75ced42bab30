import { afterEach, describe, expect, it, vi } from "vitest";
import { whenIdle } from "./when-idle";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("whenIdle", () => {
  it("asks requestIdleCallback, with the timeout, and cancels through it", () => {
    const asked: Array<{ run: () => void; timeout?: number }> = [];
    const cancelled: number[] = [];
    vi.stubGlobal("requestIdleCallback", (run: () => void, options?: { timeout?: number }) => asked.push({ run, timeout: options?.timeout }));
    vi.stubGlobal("cancelIdleCallback", (handle: number) => cancelled.push(handle));
    const task = vi.fn();
    const cancel = whenIdle(task, { timeout: 700 });
    expect(asked).toHaveLength(1);
    expect(asked[0].timeout).toBe(700);
    asked[0].run();
    expect(task).toHaveBeenCalledOnce();
    cancel();
    expect(cancelled).toEqual([1]);
  });

  it("without requestIdleCallback, runs after the fallback delay unless cancelled", () => {
    vi.stubGlobal("requestIdleCallback", undefined);
    vi.useFakeTimers();
    const task = vi.fn();
    whenIdle(task, { timeout: 1000, fallbackMs: 50 });
    vi.advanceTimersByTime(49);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledOnce();
    const other = vi.fn();
    const cancel = whenIdle(other, { timeout: 1000 });
    cancel();
    vi.runAllTimers();
    expect(other).not.toHaveBeenCalled();
  });
});
