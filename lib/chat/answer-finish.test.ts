import { afterEach, describe, expect, it, vi } from "vitest";
import { prepareFinishedAnswer, setAnswerPreparer } from "./answer-finish";

afterEach(() => {
  setAnswerPreparer(null);
  vi.useRealTimers();
});

describe("prepareFinishedAnswer", () => {
  it("resolves at once when no renderer registered a preparer, or for an empty answer", async () => {
    await expect(prepareFinishedAnswer("m", "text", 10_000)).resolves.toBeUndefined();
    const prepare = vi.fn(() => new Promise(() => undefined));
    setAnswerPreparer(prepare);
    await prepareFinishedAnswer("m", "", 10_000);
    expect(prepare).not.toHaveBeenCalled();
  });

  it("waits for the preparer, with the message and its final text", async () => {
    let done!: () => void;
    const prepare = vi.fn(() => new Promise<void>((resolve) => (done = resolve)));
    setAnswerPreparer(prepare);
    let resolved = false;
    const waiting = prepareFinishedAnswer("m1", "the answer", 10_000).then(() => (resolved = true));
    await Promise.resolve();
    expect(prepare).toHaveBeenCalledWith("m1", "the answer");
    expect(resolved).toBe(false);
    done();
    await waiting;
    expect(resolved).toBe(true);
  });

  it("waits no longer than its bound, and a failing or throwing preparer only ends the wait", async () => {
    vi.useFakeTimers();
    setAnswerPreparer(() => new Promise(() => undefined));
    let resolved = false;
    const waiting = prepareFinishedAnswer("m", "x", 250).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(resolved).toBe(true);
    vi.useRealTimers();
    setAnswerPreparer(() => Promise.reject(new Error("worker gone")));
    await expect(prepareFinishedAnswer("m", "x", 10_000)).resolves.toBeUndefined();
    setAnswerPreparer(() => {
      throw new Error("no split");
    });
    await expect(prepareFinishedAnswer("m", "x", 10_000)).resolves.toBeUndefined();
  });
});
