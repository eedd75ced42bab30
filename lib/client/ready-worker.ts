/**
 * Talking to a module worker that says `{ type: "ready" }` once its script has run. Messages wait
 * until then (a message posted before the worker listens can be lost), and a worker that is not
 * ready in time, or fails, is terminated and reported: a script that threw while loading (inside
 * the bundler's chunk loading that is a rejected promise, not an error event) would otherwise
 * leave every request unanswered.
 */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function connectReadyWorker<In, Out>(
  worker: WorkerLike,
  receive: (message: Out) => void,
  fail: (err: Error) => void,
  readyMs = 10_000,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
): (message: In) => void {
  let ready = false;
  let dead = false;
  const waiting: In[] = [];
  const die = (err: Error) => {
    if (dead) return;
    dead = true;
    timers.clearTimeout(watchdog);
    worker.terminate();
    fail(err);
  };
  const watchdog = timers.setTimeout(() => die(new Error(`worker not ready after ${readyMs} ms`)), readyMs);
  worker.onmessage = (event) => {
    if (dead) return;
    const data = event.data as { type?: string };
    if (!ready && data?.type === "ready") {
      ready = true;
      timers.clearTimeout(watchdog);
      for (const message of waiting.splice(0)) worker.postMessage(message);
    }
    // "ready" is passed on too: a caller may need to know its requests reached the worker.
    receive(event.data as Out);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    die(new Error(event.message || "worker failed"));
  };
  return (message) => {
    if (dead) return;
    if (ready) worker.postMessage(message);
    else waiting.push(message);
  };
}
