import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { ChatChunk } from "@/lib/upstream/chat-chunk";
import type { streamChat } from "./chat-stream";
import { createStreamHost } from "./chat-stream-host";
import { createOffThreadStreamer, type Connect } from "./chat-stream-offthread";
import type { StreamCommand, StreamEvent } from "./chat-stream-protocol";

type Stream = typeof streamChat;
const chunk = (content: string): ChatChunk => ({ content, reasoning: "" });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake upstream stream: emits the given chunks, one per macrotask, then resolves. */
function fakeStream(contents: string[], opts: { fail?: AppError; delayMs?: number } = {}): Stream {
  return async (_req, _via, _body, signal, onChunk) => {
    for (const c of contents) {
      if (signal.aborted) return { sawDone: false };
      await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
      onChunk(chunk(c));
    }
    if (opts.fail) throw opts.fail;
    return { sawDone: true, requestId: "req_1" };
  };
}

/** Wires a host (what runs in the worker) to the page side through structured clones, asynchronously. */
function inProcessWorker(stream: Stream, flushMs = 5) {
  const commands: StreamCommand[] = [];
  const events: StreamEvent[] = [];
  const connect: Connect = (receive) => {
    const host = createStreamHost((event) => {
      events.push(event);
      const copy = structuredClone(event);
      setTimeout(() => receive(copy), 0);
    }, stream, flushMs);
    setTimeout(() => receive({ type: "ready" }), 0);
    return (command) => {
      commands.push(command);
      const copy = structuredClone(command);
      setTimeout(() => host.handle(copy), 0);
    };
  };
  return { connect, commands, events };
}

const req = { url: "/api/openai/v1/chat/completions", headers: { "Content-Type": "application/json" } };

describe("createOffThreadStreamer", () => {
  it("delivers every chunk in order and the result, with fewer messages than chunks", async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i} `);
    const worker = inProcessWorker(fakeStream(words), 20);
    const { stream } = createOffThreadStreamer(worker.connect);
    const got: string[] = [];
    const result = await stream(req, "server", { model: "m" }, new AbortController().signal, (c) => got.push(c.content));
    expect(got).toEqual(words);
    expect(result).toEqual({ sawDone: true, requestId: "req_1" });
    const batches = worker.events.filter((e) => e.type === "chunks").length;
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(words.length);
    expect(worker.commands[0]).toMatchObject({ type: "start", url: req.url, body: { model: "m" }, via: "server" });
  });

  it("rejects with the worker's AppError, after the chunks that came before it", async () => {
    const error = new AppError({ code: "stream_interrupted", status: 0, message: "broke", requestId: "r9" });
    const worker = inProcessWorker(fakeStream(["a", "b"], { fail: error }));
    const { stream } = createOffThreadStreamer(worker.connect);
    const got: string[] = [];
    const run = stream(req, "server", {}, new AbortController().signal, (c) => got.push(c.content));
    await expect(run).rejects.toMatchObject({ name: "AppError", code: "stream_interrupted", message: "broke", requestId: "r9" });
    expect(got).toEqual(["a", "b"]);
  });

  it("passes Stop on to the worker and resolves with what was received", async () => {
    const worker = inProcessWorker(fakeStream(Array.from({ length: 1000 }, (_, i) => `${i}`), { delayMs: 2 }));
    const { stream } = createOffThreadStreamer(worker.connect);
    const controller = new AbortController();
    const got: string[] = [];
    const run = stream(req, "server", {}, controller.signal, (c) => got.push(c.content));
    while (got.length < 3) await tick();
    controller.abort();
    const result = await run;
    expect(result.sawDone).toBe(false);
    expect(worker.commands.map((c) => c.type)).toEqual(["start", "abort"]);
    expect(got.length).toBeLessThan(1000);
  });

  it("runs in this thread when the worker cannot start, or fails before its script runs", async () => {
    const here = vi.fn(fakeStream(["x"]));
    const throwing = createOffThreadStreamer(() => {
      throw new Error("no workers here");
    }, here);
    await throwing.stream(req, "server", {}, new AbortController().signal, () => undefined);
    expect(here).toHaveBeenCalledTimes(1);

    const failing = createOffThreadStreamer((_receive, fail) => {
      setTimeout(() => fail(new Error("script 404")), 0);
      return () => undefined;
    }, here);
    const got: string[] = [];
    await failing.stream(req, "server", {}, new AbortController().signal, (c) => got.push(c.content));
    expect(got).toEqual(["x"]);
    expect(here).toHaveBeenCalledTimes(2);
  });

  it("reports a worker that dies mid-answer as a broken stream, and streams here afterwards", async () => {
    let fail: (err: unknown) => void = () => undefined;
    let receive: (e: StreamEvent) => void = () => undefined;
    const here = vi.fn(fakeStream(["y"]));
    const { stream } = createOffThreadStreamer((r, f) => {
      receive = r;
      fail = f;
      return () => undefined;
    }, here);
    const run = stream(req, "server", {}, new AbortController().signal, () => undefined);
    receive({ type: "ready" });
    fail(new Error("worker crashed"));
    await expect(run).rejects.toMatchObject({ code: "stream_interrupted" });
    expect(here).not.toHaveBeenCalled();
    await stream(req, "server", {}, new AbortController().signal, () => undefined);
    expect(here).toHaveBeenCalledTimes(1);
  });
});
