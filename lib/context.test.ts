import { describe, expect, it } from "vitest";
import { buildContext, DEFAULT_CONTEXT_MARGIN, sendableHistory, type BuildContextInput } from "./context";
import { AppError } from "./errors";
import { countMessageTokens, countPromptTokens, roughTokenizer } from "./tokens";
import type { ApiMessage, ChatMessage } from "./types";

// 10 tokens per message keeps the budget arithmetic easy to follow.
const tenEach = (_m: ApiMessage) => 10;

const history = Array.from({ length: 6 }, (_, i) => ({
  id: `h${i}`,
  role: (i % 2 === 0 ? "user" : "assistant") as ApiMessage["role"],
  content: `message ${i}`,
}));
const question = { id: "q", role: "user" as const, content: "the question" };

function build(over: Partial<BuildContextInput>) {
  return buildContext({
    history,
    question,
    systemPrompt: "You are helpful.",
    historyCount: 4,
    contextWindow: 100_000,
    maxTokens: 1000,
    countTokens: tenEach,
    ...over,
  });
}

describe("buildContext: the history count", () => {
  it("N = 0 sends the question alone, even with a system prompt", () => {
    const r = build({ historyCount: 0 });
    expect(r.messages).toEqual([{ role: "user", content: "the question" }]);
    expect(r.systemIncluded).toBe(false);
    expect(r.droppedByCount).toEqual(["h0", "h1", "h2", "h3", "h4", "h5"]);
    expect(r.includedIds).toEqual(["q"]);
  });

  it("N = 1 sends the system prompt and the question", () => {
    const r = build({ historyCount: 1 });
    expect(r.messages).toEqual([
      { role: "system", content: "You are helpful." },
      { role: "user", content: "the question" },
    ]);
    expect(r.systemIncluded).toBe(true);
    expect(r.droppedByCount).toHaveLength(6);
  });

  it("N > 1 sends system + the N−1 most recent messages + question", () => {
    const r = build({ historyCount: 4 });
    expect(r.messages.map((m) => m.content)).toEqual(["You are helpful.", "message 3", "message 4", "message 5", "the question"]);
    expect(r.includedIds).toEqual(["h3", "h4", "h5", "q"]);
    expect(r.droppedByCount).toEqual(["h0", "h1", "h2"]);
    expect(r.droppedByBudget).toEqual([]);
  });

  it("without a system prompt, its slot is not given to another message", () => {
    const r = build({ historyCount: 4, systemPrompt: "   " });
    expect(r.systemIncluded).toBe(false);
    expect(r.includedIds).toEqual(["h3", "h4", "h5", "q"]);
    expect(r.messages[0]).toEqual({ role: "assistant", content: "message 3" });
  });

  it("a count larger than the history sends all of it; Infinity means all", () => {
    expect(build({ historyCount: 50 }).includedIds).toEqual(["h0", "h1", "h2", "h3", "h4", "h5", "q"]);
    expect(build({ historyCount: Infinity }).droppedByCount).toEqual([]);
  });

  it("treats a broken count (NaN, negative) as 0", () => {
    expect(build({ historyCount: Number.NaN }).messages).toHaveLength(1);
    expect(build({ historyCount: -3 }).messages).toHaveLength(1);
  });
});

describe("buildContext: the token budget", () => {
  it("is context window − max_tokens − margin (default margin documented)", () => {
    expect(build({}).budget).toBe(100_000 - 1000 - DEFAULT_CONTEXT_MARGIN);
    expect(build({ margin: 0 }).budget).toBe(99_000);
  });

  it("drops the oldest history first until it fits", () => {
    // fixed = 3 priming + 10 system + 10 question = 23; budget 55 leaves room for 3 messages.
    const r = build({ historyCount: 10, contextWindow: 155, maxTokens: 100, margin: 0 });
    expect(r.budget).toBe(55);
    expect(r.includedIds).toEqual(["h3", "h4", "h5", "q"]);
    expect(r.droppedByBudget).toEqual(["h0", "h1", "h2"]);
    expect(r.droppedByCount).toEqual([]);
    expect(r.promptTokens).toBe(53);
    expect(r.systemIncluded).toBe(true);
  });

  it("never skips a large message to include an older one", () => {
    const sizes: Record<string, number> = { h3: 5, h4: 50, h5: 5 };
    const r = build({
      historyCount: 10,
      contextWindow: 50,
      maxTokens: 0,
      margin: 0,
      countTokens: (m) => sizes[(m as { id?: string }).id ?? ""] ?? 10,
    });
    // fixed 23 + h5 5 = 28; h4 (50) does not fit, so h3 and older go too even though h3 would fit.
    expect(r.includedIds).toEqual(["h5", "q"]);
    expect(r.droppedByBudget).toEqual(["h0", "h1", "h2", "h3", "h4"]);
  });

  it("keeps the system prompt and the question even when all history must go", () => {
    const r = build({ historyCount: 10, contextWindow: 23, maxTokens: 0, margin: 0 });
    expect(r.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(r.droppedByBudget).toHaveLength(6);
    expect(r.promptTokens).toBe(23);
  });

  it("throws prompt_too_long when system prompt + question alone exceed the budget", () => {
    let caught: unknown;
    try {
      build({ historyCount: 10, contextWindow: 22, maxTokens: 0, margin: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("prompt_too_long");
    expect((caught as AppError).status).toBe(400);
    expect((caught as AppError).message).toContain("23 tokens");
  });

  it("does not count the system prompt against the budget when N = 0", () => {
    // Without the system prompt: 3 + 10 = 13 fits in 13.
    expect(() => build({ historyCount: 0, contextWindow: 13, maxTokens: 0, margin: 0 })).not.toThrow();
  });

  it("reports promptTokens exactly as countPromptTokens counts the sent messages", () => {
    const r = build({ historyCount: 5, countTokens: (m) => countMessageTokens(m, roughTokenizer) });
    expect(r.promptTokens).toBe(countPromptTokens(r.messages, roughTokenizer));
  });

  it("sends plain ApiMessages without ids", () => {
    for (const m of build({}).messages) expect(Object.keys(m).sort()).toEqual(["content", "role"]);
  });
});

describe("sendableHistory", () => {
  const msg = (over: Partial<ChatMessage>): ChatMessage => ({
    id: "x",
    role: "user",
    content: "hi",
    status: "done",
    createdAt: 0,
    ...over,
  });

  it("drops system lines, errors and empty messages; strips reasoning; keeps partial answers", () => {
    const out = sendableHistory([
      msg({ id: "1", content: "question" }),
      msg({ id: "2", role: "assistant", content: "answer", reasoning: "secret thoughts", reasoningMs: 5 }),
      msg({ id: "3", role: "system", content: "Model switched" }),
      msg({ id: "4", role: "assistant", content: "", status: "error" }),
      msg({ id: "5", role: "assistant", content: "half an ans", status: "error" }),
      msg({ id: "6", role: "assistant", content: "  \n " }),
      msg({ id: "7", role: "assistant", content: "cut off mid-sen", status: "interrupted" }),
    ]);
    expect(out).toEqual([
      { id: "1", role: "user", content: "question" },
      { id: "2", role: "assistant", content: "answer" },
      { id: "7", role: "assistant", content: "cut off mid-sen" },
    ]);
  });

  it("sends nothing up to a new-topic mark, even when the marked message is dropped for another reason", () => {
    const out = sendableHistory([
      msg({ id: "1", content: "old question" }),
      msg({ id: "2", role: "assistant", content: "", status: "error", topicBreak: true }),
      msg({ id: "3", content: "new topic" }),
    ]);
    expect(out.map((m) => m.id)).toEqual(["3"]);
  });
});

describe("images in the context", () => {
  const img = (id: string, bytes: number) => ({ id, mime: "image/jpeg", width: 1024, height: 1024, bytes });
  const withImages = [
    { id: "p0", role: "user" as const, content: "old photo", images: [img("i0", 300_000)] },
    { id: "p1", role: "assistant" as const, content: "a cat" },
    { id: "p2", role: "user" as const, content: "newer photo", images: [img("i2", 300_000)] },
    { id: "p3", role: "assistant" as const, content: "a dog" },
  ];

  it("sendableHistory keeps a question that is only images, with its images; answers carry none", () => {
    const msg = (over: Partial<ChatMessage>): ChatMessage => ({ id: "x", role: "user", content: "", status: "done", createdAt: 0, ...over });
    const out = sendableHistory([msg({ id: "1", images: [img("a", 10)] }), msg({ id: "2", content: "" }), msg({ id: "3", role: "assistant", content: "ok", images: [img("b", 10)] })]);
    expect(out).toEqual([
      { id: "1", role: "user", content: "", images: [img("a", 10)] },
      { id: "3", role: "assistant", content: "ok" },
    ]);
  });

  it("images ride along while the history count reaches them, and their tile tokens count", () => {
    const all = buildContext({ history: withImages, question, systemPrompt: "", historyCount: 5, contextWindow: 100_000, maxTokens: 1000, countTokens: tenEach });
    expect(all.messages[0]).toEqual({ role: "user", content: "old photo", images: [img("i0", 300_000)] });
    // 1024×1024 is 765 tokens by the tile formula, twice.
    expect(all.imageTokens).toBe(1530);
    expect(all.promptTokens).toBe(3 + 5 * 10 + 1530);
    const recent = buildContext({ history: withImages, question, systemPrompt: "", historyCount: 3, contextWindow: 100_000, maxTokens: 1000, countTokens: tenEach });
    expect(recent.includedIds).toEqual(["p2", "p3", "q"]);
    expect(recent.imageTokens).toBe(765);
  });

  it("the byte budget drops the oldest history first, and says so apart from the token budget", () => {
    const r = buildContext({ history: withImages, question, systemPrompt: "", historyCount: 10, contextWindow: 100_000, maxTokens: 1000, countTokens: tenEach, maxBytes: 600_000 });
    // Each image is ~400 kB as base64: only the newer one fits; the walk stops at the older one.
    expect(r.includedIds).toEqual(["p1", "p2", "p3", "q"]);
    expect(r.droppedByBytes).toEqual(["p0"]);
    expect(r.droppedByBudget).toEqual([]);
    expect(r.bytes).toBeLessThanOrEqual(600_000);
    expect(r.bytes).toBeGreaterThan(400_000);
  });

  it("a question whose own images exceed the byte budget is refused before sending", () => {
    const big = { role: "user" as const, content: "two photos", images: [img("a", 500_000), img("b", 500_000)] };
    try {
      buildContext({ history: [], question: big, systemPrompt: "", historyCount: 1, contextWindow: 100_000, maxTokens: 1000, countTokens: tenEach, maxBytes: 1_000_000 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("request_too_large");
      expect((err as AppError).limitBytes).toBe(1_000_000);
      expect((err as AppError).requestBytes).toBeGreaterThan(1_300_000);
    }
  });
});
