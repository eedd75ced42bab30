import { describe, expect, it } from "vitest";
import { longestPrefixMatch, mergeTables, normalizeModelName } from "./model-match";

describe("normalizeModelName", () => {
  it("lower-cases, trims and drops a vendor prefix", () => {
    expect(normalizeModelName(" openai/GPT-4o ")).toBe("gpt-4o");
    expect(normalizeModelName("deepseek-ai/DeepSeek-V3")).toBe("deepseek-v3");
    expect(normalizeModelName("gpt-4")).toBe("gpt-4");
  });
});

describe("longestPrefixMatch", () => {
  const table = { "gpt-4": 1, "gpt-4o": 2, "gpt-4o-mini": 3, "gpt-4-turbo": 4 };
  it("picks the longest key that prefixes the name", () => {
    expect(longestPrefixMatch("gpt-4o-mini-2024-07-18", table)?.value).toBe(3);
    expect(longestPrefixMatch("gpt-4o-2024-08-06", table)?.value).toBe(2);
    expect(longestPrefixMatch("gpt-4-turbo-preview", table)?.value).toBe(4);
    expect(longestPrefixMatch("GPT-4-0613", table)).toEqual({ key: "gpt-4", value: 1 });
  });
  it("returns undefined for no match or an empty name", () => {
    expect(longestPrefixMatch("claude-3", table)).toBeUndefined();
    expect(longestPrefixMatch("  ", table)).toBeUndefined();
  });
});

describe("mergeTables", () => {
  it("lets user entries replace same-named ones without hijacking longer keys", () => {
    const merged = mergeTables({ "gpt-4": 1, "gpt-4o": 2 }, { "GPT-4": 10, "my-model": 5 });
    expect(longestPrefixMatch("gpt-4-0613", merged)?.value).toBe(10);
    expect(longestPrefixMatch("gpt-4o", merged)?.value).toBe(2);
    expect(longestPrefixMatch("my-model-v2", merged)?.value).toBe(5);
  });
});

describe("what is worked out once per table", () => {
  it("answers again the same, and a replaced table (settings changed) afresh", () => {
    const builtIn = { "gpt-4": 1, "gpt-4o": 2 };
    const user = { "gpt-4o": 20 };
    const merged = mergeTables(builtIn, user);
    expect(mergeTables(builtIn, user)).toBe(merged);
    expect(longestPrefixMatch("gpt-4o-mini", merged)?.value).toBe(20);
    expect(longestPrefixMatch("GPT-4o-mini", merged)?.value).toBe(20);
    const changed = mergeTables(builtIn, { "gpt-4o": 30 });
    expect(changed).not.toBe(merged);
    expect(longestPrefixMatch("gpt-4o-mini", changed)?.value).toBe(30);
    expect(longestPrefixMatch("claude-3", changed)).toBeUndefined();
    expect(longestPrefixMatch("claude-3", changed)).toBeUndefined();
  });
});
