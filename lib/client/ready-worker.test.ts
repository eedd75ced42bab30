import { describe, expect, it, vi } from "vitest";
import { connectReadyWorker, type WorkerLike } from "./ready-worker";

function fakeWorker() {
  const posted: unknown[] = [];
  const worker: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => posted.push(m),
    terminate() {
      this.terminated = true;
    },
  };
  const emit = (data: unknown) => worker.onmessage?.({ data } as MessageEvent);
  return { worker, posted, emit };
}

describe("connectReadyWorker", () => {
  it("holds messages until the worker is ready, then passes everything on", () => {
    vi.useFakeTimers();
    const { worker, posted, emit } = fakeWorker();
    const received: unknown[] = [];
    const send = connectReadyWorker<string, string>(worker, (m) => received.push(m), () => undefined, 1000);
    send("a");
    send("b");
    expect(posted).toEqual([]);
    emit({ type: "ready" });
    expect(posted).toEqual(["a", "b"]);
    send("c");
    expect(posted).toEqual(["a", "b", "c"]);
    emit("answer");
    expect(received).toEqual([{ type: "ready" }, "answer"]);
    vi.advanceTimersByTime(5000);
    expect(worker.terminated).toBe(false);
    vi.useRealTimers();
  });

  it("gives up on a worker that never says ready: terminated, reported, nothing sent", () => {
    vi.useFakeTimers();
    const { worker, posted, emit } = fakeWorker();
    const fail = vi.fn();
    const send = connectReadyWorker<string, string>(worker, () => undefined, fail, 1000);
    send("a");
    vi.advanceTimersByTime(1000);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(worker.terminated).toBe(true);
    emit({ type: "ready" });
    send("b");
    expect(posted).toEqual([]);
    vi.useRealTimers();
  });

  it("reports an error event once", () => {
    vi.useFakeTimers();
    const { worker } = fakeWorker();
    const fail = vi.fn();
    connectReadyWorker(worker, () => undefined, fail, 1000);
    worker.onerror?.({ message: "boom", preventDefault: () => undefined } as ErrorEvent);
    vi.advanceTimersByTime(2000);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(fail.mock.calls[0][0].message).toBe("boom");
    vi.useRealTimers();
  });
});
