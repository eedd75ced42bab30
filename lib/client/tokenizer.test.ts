import { afterEach, describe, expect, it } from "vitest";
import type { EncodingName } from "@/lib/tokens";
import { countMessage, countPromptExact, countTextExact, ensureTokenizer, isTokenizerReady, primeCounts, resetTokenizerForTests, subscribeTokenCounts, tokenCountsVersion } from "./tokenizer";
import { createBackend, TokenizerWorkerError, type TokenizerBackend } from "./tokenizer-backend";

/** Counts a text as its length; records every call so tests can see what went to the "worker". */
function fakeBackend(options: { fail?: Error } = {}) {
  const calls: Array<{ encoding: EncodingName; texts: string[]; urgent: boolean }> = [];
  const backend: TokenizerBackend & { calls: typeof calls } = {
    calls,
    load: async () => {
      if (options.fail) throw options.fail;
    },
    count: async (encoding, texts, urgent) => {
      calls.push({ encoding, texts, urgent });
      if (options.fail) throw options.fail;
      return texts.map((t) => t.length);
    },
  };
  return backend;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => resetTokenizerForTests(null));

describe("countMessage", () => {
  it("estimates at first, asks the worker once, then answers exactly and notifies", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    let heard = 0;
    subscribeTokenCounts(() => heard++);
    const m = { id: "m1", role: "user" as const, content: "x".repeat(40) };
    expect(countMessage("gpt-4", m)).toEqual({ tokens: 3 + 1 + 10, exact: false });
    countMessage("gpt-4", m); // asked again in the same render pass: still one request
    await settle();
    expect(backend.calls).toHaveLength(2); // the role is urgent, the history content is background
    expect(backend.calls.find((c) => !c.urgent)?.texts).toEqual([m.content]);
    await expect.poll(() => heard).toBe(1); // both answers, one notification
    expect(countMessage("gpt-4", m)).toEqual({ tokens: 3 + 4 + 40, exact: true });
    await settle();
    expect(backend.calls).toHaveLength(2);
  });

  it("keeps encodings apart", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    countMessage("gpt-4o", { role: "user", content: "abc" });
    countMessage("gpt-4", { role: "user", content: "abc" });
    await settle();
    expect(new Set(backend.calls.map((c) => c.encoding))).toEqual(new Set(["o200k_base", "cl100k_base"]));
  });

  it("estimates a draft from the last exact draft it extends or shortens", async () => {
    resetTokenizerForTests(fakeBackend());
    countMessage("gpt-4", { role: "user", content: "abcdefgh" });
    await settle();
    expect(countMessage("gpt-4", { role: "user", content: "abcdefgh" }).tokens).toBe(3 + 4 + 8);
    // 8 exact + roughly 1 for four more characters.
    expect(countMessage("gpt-4", { role: "user", content: "abcdefghijkl" })).toEqual({ tokens: 3 + 4 + 9, exact: false });
    expect(countMessage("gpt-4", { role: "user", content: "abcd" })).toEqual({ tokens: 3 + 4 + 7, exact: false });
  });

  it("counts a draft once typing pauses, not on every keystroke", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    await primeCounts("gpt-4", [{ role: "user", content: "" }]); // the role is known
    const before = backend.calls.length;
    for (const draft of ["h", "he", "hel", "hell"]) {
      countMessage("gpt-4", { role: "user", content: draft });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(backend.calls.length).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.calls.length).toBe(before + 1);
    // Only the latest draft goes to the worker, not every keystroke's text.
    expect(backend.calls.at(-1)?.texts).toEqual(["hell"]);
    expect(countMessage("gpt-4", { role: "user", content: "hell" })).toEqual({ tokens: 3 + 4 + 4, exact: true });
  });

  it("splits a long history into background batches of bounded size", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    for (let i = 0; i < 6; i++) countMessage("gpt-4", { id: `m${i}`, role: "assistant", content: String(i).repeat(100_000) });
    await settle();
    const background = backend.calls.filter((c) => !c.urgent);
    expect(background.length).toBe(3);
    expect(background.flatMap((c) => c.texts)).toHaveLength(6);
  });

  it("stays on estimates for a while after counting fails, without asking again", async () => {
    const backend = fakeBackend({ fail: new Error("offline") });
    resetTokenizerForTests(backend);
    const m = { id: "m1", role: "user" as const, content: "abcd" };
    countMessage("gpt-4", m);
    await settle();
    const calls = backend.calls.length;
    expect(countMessage("gpt-4", m).exact).toBe(false);
    await settle();
    expect(backend.calls.length).toBe(calls);
  });
});

describe("primeCounts, countPromptExact, countTextExact", () => {
  it("makes the given messages exact before returning", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    const history = { id: "h", role: "assistant" as const, content: "12345" };
    await primeCounts("gpt-4", [{ role: "system", content: "sys" }, history]);
    expect(backend.calls.every((c) => c.urgent)).toBe(true);
    expect(countMessage("gpt-4", history)).toEqual({ tokens: 3 + 9 + 5, exact: true });
    expect(countMessage("gpt-4", { role: "system", content: "sys" }).exact).toBe(true);
  });

  it("reuses the draft's count for the question being sent, without asking the worker", async () => {
    const backend = fakeBackend();
    resetTokenizerForTests(backend);
    await primeCounts("gpt-4", [{ role: "user", content: "what is 2+2" }]);
    const calls = backend.calls.length;
    await primeCounts("gpt-4", [{ id: "q1", role: "user", content: "what is 2+2" }]);
    expect(backend.calls.length).toBe(calls);
    expect(countMessage("gpt-4", { id: "q1", role: "user", content: "what is 2+2" }).exact).toBe(true);
  });

  it("sums a prompt of many messages exactly, beyond the small draft cache", async () => {
    resetTokenizerForTests(fakeBackend());
    const messages = Array.from({ length: 100 }, (_, i) => ({ role: "user" as const, content: `m${i}` }));
    const exact = messages.reduce((sum, m) => sum + 3 + 4 + m.content.length, 3);
    expect(await countPromptExact("gpt-4", messages)).toBe(exact);
  });

  it("sums a whole prompt exactly", async () => {
    resetTokenizerForTests(fakeBackend());
    expect(await countPromptExact("gpt-4", [{ role: "user", content: "hello" }])).toBe(3 + 3 + 4 + 5);
  });

  it("falls back to an estimate when counting fails", async () => {
    resetTokenizerForTests(fakeBackend({ fail: new Error("offline") }));
    expect(await countTextExact("gpt-4", "x".repeat(8))).toEqual({ tokens: 2, exact: false });
    await primeCounts("gpt-4", [{ role: "user", content: "abcd" }]); // does not throw
  });
});

describe("a tokenizer that never answers", () => {
  const silent = (): TokenizerBackend => ({ load: () => new Promise(() => undefined), count: () => new Promise(() => undefined) });

  it("lets a send go on with estimates after the wait", async () => {
    resetTokenizerForTests(silent());
    const m = { id: "q", role: "user" as const, content: "x".repeat(40) };
    await primeCounts("gpt-4", [m], 20);
    expect(countMessage("gpt-4", m)).toEqual({ tokens: 3 + 1 + 10, exact: false });
  });

  it("gives a finished answer an estimate after the wait", async () => {
    resetTokenizerForTests(silent());
    expect(await countTextExact("gpt-4", "x".repeat(40), 20)).toEqual({ tokens: 10, exact: false });
  });
});

describe("a dead worker", () => {
  it("moves counting into the page and answers exactly", async () => {
    const dead = createBackend((_receive, fail) => (request) => {
      void request;
      fail(new Error("worker script blocked"));
    });
    resetTokenizerForTests(dead);
    // The in-page fallback uses the real tokenizer: "hello world" is 2 tokens in cl100k_base.
    expect(await countTextExact("gpt-4", "hello world")).toEqual({ tokens: 2, exact: true });
  });

  it("rejects in-flight requests with TokenizerWorkerError", async () => {
    let failNow: (err: unknown) => void = () => undefined;
    const backend = createBackend((_receive, fail) => {
      failNow = fail;
      return () => undefined;
    });
    const pending = backend.count("cl100k_base", ["a"], true);
    failNow(new Error("crashed"));
    await expect(pending).rejects.toBeInstanceOf(TokenizerWorkerError);
  });
});

describe("ensureTokenizer", () => {
  it("marks the encoding ready and bumps the version", async () => {
    resetTokenizerForTests(fakeBackend());
    const before = tokenCountsVersion();
    expect(isTokenizerReady("gpt-4o")).toBe(false);
    await ensureTokenizer("gpt-4o");
    expect(isTokenizerReady("gpt-4o")).toBe(true);
    expect(tokenCountsVersion()).toBeGreaterThan(before);
  });

  it("can be retried after a failed load", async () => {
    const backend = fakeBackend({ fail: new Error("offline") });
    resetTokenizerForTests(backend);
    await expect(ensureTokenizer("gpt-4")).rejects.toThrow("offline");
    await expect(ensureTokenizer("gpt-4")).rejects.toThrow("offline");
  });
});
