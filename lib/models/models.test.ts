import { describe, expect, it } from "vitest";
import { contextWindowFor, contextWindowInfo, DEFAULT_CONTEXT_WINDOW, isKnownModel } from "./models";

describe("contextWindowFor", () => {
  it.each([
    ["gpt-4o", 128_000],
    ["gpt-4o-mini-2024-07-18", 128_000],
    ["gpt-4.1", 1_047_576],
    ["gpt-4.1-mini", 1_047_576],
    ["gpt-5", 400_000],
    ["gpt-5-nano", 400_000],
    ["gpt-5-chat-latest", 128_000],
    ["o1", 200_000],
    ["o1-mini", 128_000],
    ["o3-mini", 200_000],
    ["o4-mini", 200_000],
    ["gpt-4", 8_192],
    ["gpt-4-0613", 8_192],
    ["gpt-4-32k", 32_768],
    ["gpt-4-turbo-2024-04-09", 128_000],
    ["gpt-4-1106-preview", 128_000],
    ["gpt-3.5-turbo", 16_385],
    ["deepseek-chat", 128_000],
    ["deepseek-reasoner", 128_000],
    ["claude-3-5-sonnet-20241022", 200_000],
    ["claude-sonnet-4-5", 200_000],
    ["gemini-2.5-pro", 1_048_576],
    ["gemini-1.5-pro-002", 2_097_152],
    ["qwen-plus", 131_072],
    ["qwen-max", 32_768],
    ["glm-4-plus", 128_000],
    ["glm-4.6", 200_000],
    ["openai/GPT-4o", 128_000],
  ])("%s → %i", (model, tokens) => {
    expect(contextWindowFor(model)).toBe(tokens);
  });

  it("reads the window from names that state it", () => {
    expect(contextWindowInfo("moonshot-v1-128k")).toEqual({ tokens: 131_072, source: "name" });
    expect(contextWindowFor("moonshot-v1-8k")).toBe(8_192);
    expect(contextWindowFor("yi-34b-chat-200k")).toBe(204_800);
  });

  it("falls back to a conservative default for unknown models and flags them", () => {
    expect(contextWindowFor("my-private-model")).toBe(DEFAULT_CONTEXT_WINDOW);
    expect(DEFAULT_CONTEXT_WINDOW).toBe(32_768);
    expect(isKnownModel("my-private-model")).toBe(false);
    expect(isKnownModel("gpt-4o")).toBe(true);
    expect(isKnownModel("moonshot-v1-32k")).toBe(true);
  });

  it("lets user overrides win, by exact family or prefix", () => {
    expect(contextWindowInfo("my-private-model", { "my-private": 65_536 })).toEqual({ tokens: 65_536, source: "override" });
    expect(contextWindowInfo("gpt-4o", { "GPT-4o": 64_000 })).toEqual({ tokens: 64_000, source: "override" });
    expect(isKnownModel("my-private-model", { "my-private-model": 1000 })).toBe(true);
  });

  it("does not let a shorter override hijack a more specific built-in entry", () => {
    expect(contextWindowFor("gpt-4o", { "gpt-4": 4_000 })).toBe(128_000);
    expect(contextWindowFor("gpt-4-0613", { "gpt-4": 4_000 })).toBe(4_000);
  });

  it("ignores invalid override values", () => {
    expect(contextWindowFor("gpt-4o", { "gpt-4o": 0 })).toBe(128_000);
    expect(contextWindowFor("gpt-4o", { "gpt-4o": Number.NaN })).toBe(128_000);
    expect(contextWindowFor("gpt-4o", { "gpt-4o": -5 })).toBe(128_000);
  });
});
