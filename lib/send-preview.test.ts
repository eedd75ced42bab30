import { describe, expect, it } from "vitest";
import { computeSendPreview, type SendPreviewInput } from "./send-preview";
import { DEFAULT_COST_SETTINGS } from "./pricing";
import type { ApiMessage, ChatParams } from "./types";

const params: ChatParams = {
  model: "m",
  temperature: 1,
  top_p: 1,
  max_tokens: 100,
  presence_penalty: 0,
  frequency_penalty: 0,
  historyCount: 4,
  systemPrompt: "sys",
};
// Every message costs 10 tokens: easy arithmetic.
const count = (_m: ApiMessage) => 10;
const history = Array.from({ length: 6 }, (_, i) => ({ id: `h${i}`, role: (i % 2 ? "assistant" : "user") as ApiMessage["role"], content: `m${i}` }));
const base: SendPreviewInput = {
  history,
  question: "q",
  params,
  contextWindow: 10_000,
  price: { input: 1, output: 2 },
  cost: DEFAULT_COST_SETTINGS,
  countTokens: count,
};

describe("computeSendPreview", () => {
  it("counts the messages, tokens and cost of the next request", () => {
    const p = computeSendPreview(base);
    // historyCount 4 → system + 3 most recent + question = 5 messages, 5 × 10 + 3 priming.
    expect(p.messageCount).toBe(5);
    expect(p.promptTokens).toBe(53);
    expect(p.promptCost).toBeCloseTo(53 / 1e6);
    expect(p.maxAnswerCost).toBeCloseTo((100 * 2) / 1e6);
    expect(p.context?.includedIds).toEqual(["h3", "h4", "h5"]);
    expect(p.tooLong).toBeNull();
  });

  it("changes with the history count", () => {
    const fewer = computeSendPreview({ ...base, params: { ...params, historyCount: 1 } });
    expect(fewer.messageCount).toBe(2);
    expect(fewer.promptTokens).toBe(23);
  });

  it("shows no made-up price for unknown models", () => {
    const p = computeSendPreview({ ...base, price: null });
    expect(p.promptCost).toBeNull();
    expect(p.maxAnswerCost).toBeNull();
    expect(p.promptTokens).toBe(53);
  });

  it("offers a max_tokens that fits when the prompt and max_tokens exceed the window", () => {
    const p = computeSendPreview({ ...base, contextWindow: 1000, params: { ...params, max_tokens: 990 } });
    expect(p.context).toBeNull();
    expect(p.tooLong?.fixedTokens).toBe(23);
    // window 1000 − margin 64 − 23 fixed
    expect(p.tooLong?.suggestedMaxTokens).toBe(913);
  });

  it("says the question itself is too long when no useful max_tokens remains", () => {
    const p = computeSendPreview({ ...base, contextWindow: 200, countTokens: (m) => (m.content === "q" ? 150 : 10) });
    expect(p.tooLong?.suggestedMaxTokens).toBeNull();
  });
});

describe("computeSendPreview with images", () => {
  const img = (id: string, bytes = 1000) => ({ id, mime: "image/jpeg", width: 1024, height: 1024, bytes });
  const pictured = history.map((m, i) => (i === 2 || i === 4 ? { ...m, images: [img(`i${i}`)] } : m));

  it("counts the question's images and the earlier ones the history count reaches, as tile-formula tokens", () => {
    const p = computeSendPreview({ ...base, history: pictured, questionImages: [img("new")] });
    // historyCount 4 reaches h3..h5: h4's image rides along, h2's does not.
    expect(p.images).toEqual({ question: 1, history: 1, tokens: 2 * 765 });
    expect(p.promptTokens).toBe(53 + 2 * 765);
    const all = computeSendPreview({ ...base, history: pictured, params: { ...params, historyCount: 10 } });
    expect(all.images).toEqual({ question: 0, history: 2, tokens: 2 * 765 });
  });

  it("leaves the oldest images out beyond the byte budget, and says when the question alone is too large", () => {
    const heavy = history.map((m, i) => (i === 2 || i === 4 ? { ...m, images: [img(`i${i}`, 30_000)] } : m));
    const p = computeSendPreview({ ...base, history: heavy, params: { ...params, historyCount: 10 }, maxBytes: 50_000 });
    expect(p.context?.droppedByBytes).toEqual(["h0", "h1", "h2"]);
    expect(p.images.history).toBe(1);
    const refused = computeSendPreview({ ...base, questionImages: [img("a", 40_000), img("b", 40_000)], maxBytes: 50_000 });
    expect(refused.context).toBeNull();
    expect(refused.tooLarge?.maxBytes).toBe(50_000);
    expect(refused.tooLarge?.bytes).toBeGreaterThan(100_000);
  });
});
