import { describe, expect, it } from "vitest";
import {
  countMessageTokens,
  countPromptTokens,
  encodingForModel,
  loadTokenizer,
  roughTokenCount,
  roughTokenizer,
  type Tokenizer,
} from "./tokens";

describe("encodingForModel", () => {
  it.each([
    ["gpt-4o", "o200k_base"],
    ["gpt-4o-mini-2024-07-18", "o200k_base"],
    ["GPT-4.1-nano", "o200k_base"],
    ["gpt-4.5-preview", "o200k_base"],
    ["gpt-5-mini", "o200k_base"],
    ["o1-preview", "o200k_base"],
    ["o3-mini", "o200k_base"],
    ["o4-mini", "o200k_base"],
    ["chatgpt-4o-latest", "o200k_base"],
    ["openai/gpt-4o", "o200k_base"],
    ["gpt-4", "cl100k_base"],
    ["gpt-4-turbo", "cl100k_base"],
    ["gpt-3.5-turbo", "cl100k_base"],
    ["deepseek-chat", "cl100k_base"],
    ["claude-3-5-sonnet", "cl100k_base"],
    ["some-unknown-relay-model", "cl100k_base"],
  ])("%s → %s", (model, enc) => {
    expect(encodingForModel(model)).toBe(enc);
  });
});

describe("loadTokenizer with the real ranks", () => {
  it("counts known strings in cl100k_base (values from the OpenAI cookbook)", async () => {
    const tok = await loadTokenizer("cl100k_base");
    expect(tok.encoding).toBe("cl100k_base");
    expect(tok.count("hello world")).toBe(2);
    expect(tok.count("tiktoken is great!")).toBe(6);
    expect(tok.count("antidisestablishmentarianism")).toBe(6);
    expect(tok.count("你好，世界")).toBe(6);
    expect(tok.count("")).toBe(0);
  });

  it("counts known strings in o200k_base", async () => {
    const tok = await loadTokenizer("o200k_base");
    expect(tok.count("hello world")).toBe(2);
    expect(tok.count("tiktoken is great!")).toBe(6);
    // o200k's larger vocabulary packs Chinese tighter than cl100k.
    expect(tok.count("你好，世界")).toBe(3);
    // Decoding the 2 MB rank table takes seconds on a busy 2-core machine: not a speed check.
  }, 30_000);

  it("caches the promise per encoding", () => {
    expect(loadTokenizer("cl100k_base")).toBe(loadTokenizer("cl100k_base"));
    expect(loadTokenizer("cl100k_base")).not.toBe(loadTokenizer("o200k_base"));
  });

  it("treats special-token text typed by a user as plain text instead of throwing", async () => {
    const tok = await loadTokenizer("cl100k_base");
    expect(tok.count("<|endoftext|>")).toBe(7);
  });

  it("counts messages like the cookbook: 3 per message + role + content, +3 priming", async () => {
    const tok = await loadTokenizer("o200k_base");
    expect(countMessageTokens({ role: "user", content: "hello world" }, tok)).toBe(3 + 1 + 2);
    const prompt = countPromptTokens(
      [
        { role: "system", content: "hello world" },
        { role: "user", content: "tiktoken is great!" },
      ],
      tok,
    );
    expect(prompt).toBe(3 + (3 + 1 + 2) + (3 + 1 + 6));
    expect(countPromptTokens([], tok)).toBe(3);
  });
});

describe("roughTokenCount", () => {
  it("counts CJK as one token per char and other text as chars / 4", () => {
    expect(roughTokenCount("")).toBe(0);
    expect(roughTokenCount("abcd")).toBe(1);
    expect(roughTokenCount("abcde")).toBe(2);
    expect(roughTokenCount("你好世界")).toBe(4);
    expect(roughTokenCount("你好 abcd")).toBe(2 + 2);
    expect(roughTokenCount("こんにちは")).toBe(5);
  });

  it("works as a Tokenizer before the ranks load", () => {
    expect(countMessageTokens({ role: "user", content: "你好" }, roughTokenizer)).toBe(3 + 1 + 2);
  });
});
