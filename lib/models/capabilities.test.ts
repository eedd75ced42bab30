import { describe, expect, it } from "vitest";
import { capabilitiesFor, guessCapabilities, overrideFor, sanitizeCapabilityTable } from "./capabilities";

const vision = (m: string) => guessCapabilities(m).vision;
const reasoning = (m: string) => guessCapabilities(m).reasoning;

describe("guessCapabilities: families", () => {
  it("vision: gpt-4o, 4.1, 5, claude-3+, gemini, VL models", () => {
    for (const m of ["gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "openai/gpt-4o", "GPT-4.1-mini", "gpt-5", "gpt-5-mini", "gpt-4-turbo", "o1", "o3", "o4-mini",
      "claude-3-5-sonnet-20241022", "claude-3-haiku", "claude-sonnet-4-20250514", "claude-opus-4-1", "gemini-2.5-pro", "gemini-1.5-flash", "qwen-vl-max", "qwen2.5-vl-72b-instruct", "glm-4v-plus", "llama-3.2-90b-vision-instruct"]) {
      expect(vision(m), m).toBe(true);
    }
  });

  it("no vision: text-only families and aliases nobody can guess", () => {
    for (const m of ["gpt-3.5-turbo", "gpt-4", "gpt-4-0613", "o1-mini", "o3-mini", "claude-2.1", "deepseek-chat", "deepseek-reasoner", "qwq-32b", "qwen-max", "glm-4", "gpt4-all", "mock-model"]) {
      expect(vision(m), m).toBe(false);
    }
  });

  it("reasoning: o-series, deepseek-reasoner, r1, qwq, thinking models", () => {
    for (const m of ["o1", "o1-mini", "o3", "o3-mini", "o4-mini", "deepseek-reasoner", "deepseek-r1", "DeepSeek-R1-Distill-Qwen-32B", "deepseek-ai/DeepSeek-R1", "qwq-32b", "gpt-5", "gemini-2.5-flash", "claude-3-7-sonnet", "kimi-k2-thinking"]) {
      expect(reasoning(m), m).toBe(true);
    }
    for (const m of ["gpt-4o", "gpt-5-chat-latest", "deepseek-chat", "claude-3-5-sonnet", "qwen-max", "gpt4-all", "r1ch-model"]) {
      expect(reasoning(m), m).toBe(false);
    }
  });

  it("context windows and max output by family, prices from the price table", () => {
    expect(guessCapabilities("gpt-4o-mini")).toMatchObject({ contextWindow: 128_000, maxOutput: 16_384, price: { input: 0.15, output: 0.6 } });
    expect(guessCapabilities("claude-3-5-sonnet-20241022")).toMatchObject({ contextWindow: 200_000, maxOutput: 8_192 });
    expect(guessCapabilities("gemini-2.5-pro")).toMatchObject({ contextWindow: 1_048_576, maxOutput: 65_536 });
    expect(guessCapabilities("deepseek-reasoner")).toMatchObject({ contextWindow: 128_000, maxOutput: 64_000 });
    expect(guessCapabilities("gpt4-all")).toMatchObject({ contextWindow: 32_768, maxOutput: null, price: null });
  });
});

describe("capabilitiesFor: an edit beats the guess", () => {
  it("marks an alias vision and reasoning", () => {
    const caps = capabilitiesFor("gpt4-all", { user: { "gpt4-all": { vision: true, reasoning: true, maxOutput: 4096 } } });
    expect(caps).toMatchObject({ vision: true, reasoning: true, maxOutput: 4096 });
  });

  it("can switch a guessed flag off, and matches the name without case or vendor prefix", () => {
    expect(capabilitiesFor("openai/GPT-4o", { user: { "gpt-4o": { vision: false } } }).vision).toBe(false);
    // Exact names only: an edit for an alias does not spill over to a longer name.
    expect(capabilitiesFor("gpt4-all-turbo", { user: { "gpt4-all": { vision: true } } }).vision).toBe(false);
  });

  it("user beats server beats guess", () => {
    const server = { "gpt4-all": { vision: true, contextWindow: 64_000, inputPrice: 1, outputPrice: 2 } };
    expect(capabilitiesFor("gpt4-all", { server })).toMatchObject({ vision: true, contextWindow: 64_000, price: { input: 1, output: 2 } });
    expect(capabilitiesFor("gpt4-all", { server, user: { "gpt4-all": { vision: false } } }).vision).toBe(false);
    expect(capabilitiesFor("gpt4-all", { server, contextWindows: { "gpt4-all": 8000 }, prices: { "gpt4-all": { input: 3, output: 4 } } })).toMatchObject({ contextWindow: 8000, price: { input: 3, output: 4 } });
  });

  it("settings' context windows and prices take part", () => {
    expect(capabilitiesFor("my-model", { contextWindows: { "my-model": 100_000 }, prices: { "my-model": { input: 1, output: 5 } } })).toMatchObject({ contextWindow: 100_000, price: { input: 1, output: 5 } });
    // A user price for a shorter prefix does not beat a longer built-in entry.
    expect(capabilitiesFor("gpt-4o-mini", { prices: { "gpt-4": { input: 9, output: 9 } } }).price).toEqual({ input: 0.15, output: 0.6 });
  });

  it("overrideFor finds exact (normalised) names only", () => {
    expect(overrideFor("A/Foo", { foo: { vision: true } })).toEqual({ vision: true });
    expect(overrideFor("foo-2", { foo: { vision: true } })).toBeUndefined();
  });
});

describe("sanitizeCapabilityTable", () => {
  it("keeps valid entries and drops the rest", () => {
    expect(sanitizeCapabilityTable({ a: { vision: true }, b: { vision: "yes" }, c: {}, " ": { vision: true }, d: { contextWindow: -1 }, e: { maxOutput: 8192, extra: 1 } })).toEqual({ a: { vision: true }, e: { maxOutput: 8192 } });
    for (const junk of [null, 3, "x", [1]]) expect(sanitizeCapabilityTable(junk)).toEqual({});
  });
});
