import { describe, expect, it } from "vitest";
import type { EncodingName, Tokenizer } from "@/lib/tokens";
import { createTokenizerCore } from "./tokenizer-core";
import type { TokenizerResponse } from "./tokenizer-protocol";

/** A core whose clock advances 1 ms per counted text and whose deferred slices run on demand. */
function harness(options: { sliceMs?: number; failLoad?: boolean } = {}) {
  let clock = 0;
  const deferred: Array<() => void> = [];
  const responses: TokenizerResponse[] = [];
  const counted: string[] = [];
  const tok: Tokenizer = {
    encoding: "test",
    count: (text) => {
      clock += 1;
      counted.push(text);
      return text.length;
    },
  };
  const loads: EncodingName[] = [];
  const core = createTokenizerCore({
    post: (r) => responses.push(r),
    load: async (encoding) => {
      loads.push(encoding);
      if (options.failLoad) throw new Error("chunk failed");
      return tok;
    },
    sliceMs: options.sliceMs ?? 3,
    now: () => clock,
    defer: (fn) => deferred.push(fn),
  });
  /** Runs deferred slices (and the promise jobs between them) until the core is idle. */
  async function drain(maxSlices = 100) {
    for (let i = 0; i < maxSlices && deferred.length; i++) {
      deferred.shift()!();
      for (let j = 0; j < 5; j++) await Promise.resolve();
    }
  }
  return { core, responses, counted, loads, deferred, drain };
}

describe("createTokenizerCore", () => {
  it("counts every text of a job and answers with the counts in order", async () => {
    const h = harness();
    h.core.handle({ id: 1, type: "count", encoding: "cl100k_base", texts: ["a", "bb", "", "dddd", "eeeee"], urgent: false });
    await h.drain();
    expect(h.responses).toEqual([{ id: 1, ok: true, counts: [1, 2, 0, 4, 5] }]);
  });

  it("cuts a long job into slices and runs an urgent job that arrives meanwhile first", async () => {
    const h = harness({ sliceMs: 3 });
    const history = Array.from({ length: 12 }, (_, i) => `h${i}`);
    h.core.handle({ id: 1, type: "count", encoding: "cl100k_base", texts: history, urgent: false });
    h.deferred.shift()!();
    for (let j = 0; j < 5; j++) await Promise.resolve();
    // The first slice counted only part of the history and yielded.
    expect(h.counted.length).toBeGreaterThan(0);
    expect(h.counted.length).toBeLessThan(history.length);
    h.core.handle({ id: 2, type: "count", encoding: "cl100k_base", texts: ["draft"], urgent: true });
    await h.drain();
    expect(h.responses.map((r) => r.id)).toEqual([2, 1]);
    expect(h.responses[1]).toEqual({ id: 1, ok: true, counts: history.map((t) => t.length) });
  });

  it("answers an empty job", async () => {
    const h = harness();
    h.core.handle({ id: 7, type: "count", encoding: "o200k_base", texts: [], urgent: true });
    await h.drain();
    expect(h.responses).toEqual([{ id: 7, ok: true, counts: [] }]);
  });

  it("reports a failed rank load to every job and to a load request, and keeps serving", async () => {
    const h = harness({ failLoad: true });
    h.core.handle({ id: 1, type: "load", encoding: "o200k_base" });
    h.core.handle({ id: 2, type: "count", encoding: "o200k_base", texts: ["x"], urgent: false });
    h.core.handle({ id: 3, type: "count", encoding: "o200k_base", texts: ["y"], urgent: true });
    await h.drain();
    expect(h.responses).toHaveLength(3);
    expect(h.responses.every((r) => !r.ok && r.error === "chunk failed")).toBe(true);
  });

  it("answers a load request once the encoding is loaded", async () => {
    const h = harness();
    h.core.handle({ id: 4, type: "load", encoding: "cl100k_base" });
    await h.drain();
    await Promise.resolve();
    expect(h.responses).toEqual([{ id: 4, ok: true }]);
    expect(h.loads).toEqual(["cl100k_base"]);
  });

  it("counts with the real tokenizer", async () => {
    const responses: TokenizerResponse[] = [];
    const { loadTokenizer } = await import("@/lib/tokens");
    const core = createTokenizerCore({ post: (r) => responses.push(r), load: loadTokenizer });
    core.handle({ id: 1, type: "count", encoding: "cl100k_base", texts: ["hello world", "你好"], urgent: true });
    await expect.poll(() => responses.length, { timeout: 10_000 }).toBe(1);
    expect(responses[0]).toEqual({ id: 1, ok: true, counts: [2, expect.any(Number)] });
  });
});

describe("a tokenizer that throws", () => {
  it("fails that job and keeps answering the ones behind it", async () => {
    const responses: TokenizerResponse[] = [];
    const tok: Tokenizer = {
      encoding: "test",
      count: (text) => {
        if (text === "boom") throw new Error("bad text");
        return text.length;
      },
    };
    const core = createTokenizerCore({ post: (r) => responses.push(r), load: async () => tok });
    core.handle({ id: 1, type: "count", encoding: "cl100k_base", texts: ["boom"], urgent: true });
    core.handle({ id: 2, type: "count", encoding: "cl100k_base", texts: ["ok"], urgent: true });
    await expect.poll(() => responses.length).toBe(2);
    expect(responses).toEqual([
      { id: 1, ok: false, error: "bad text" },
      { id: 2, ok: true, counts: [2] },
    ]);
  });
});
