import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { isBetterChatGpt, parseBetterChatGpt } from "./betterchatgpt";
import type { ParseOutcome } from "./problem";

const read = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
const ok = (r: ParseOutcome) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.bundle;
};
const T = 1_700_000_000_000;

describe("parseBetterChatGpt", () => {
  it("recognises the version 1 export and the older bare array", () => {
    expect(isBetterChatGpt(read("betterchatgpt-export.json"))).toBe(true);
    expect(isBetterChatGpt(read("betterchatgpt-legacy.json"))).toBe(true);
    expect(isBetterChatGpt([{ id: "c", createdAt: 1, messages: [{ id: "1", role: "user", content: "x" }] }])).toBe(false);
  });

  it("reads chats: the leading system message becomes the system prompt, config the overrides", () => {
    const [regex, untitled] = ok(parseBetterChatGpt(read("betterchatgpt-export.json"), T)).conversations;
    expect(regex).toMatchObject({ id: "betterchatgpt:3f1c2b9e-8d4a-4f6b-9c2e-1a7d5e0b4c21", title: "Regex for dates", titleSettled: true, leafId: "m2" });
    expect(regex.overrides).toEqual({
      model: "gpt-4o",
      max_tokens: 4096,
      temperature: 0.7,
      presence_penalty: 0,
      top_p: 1,
      frequency_penalty: 0,
      systemPrompt: "You are ChatGPT, a large language model trained by OpenAI.\nCarefully heed the user's instructions. \nRespond using Markdown.",
    });
    expect(regex.messages.map((m) => [m.id, m.role, m.parentId, m.createdAt])).toEqual([
      ["m1", "user", null, T + 1],
      ["m2", "assistant", "m1", T + 2],
    ]);
    // "New Chat" that was never titled is named after its question.
    expect(untitled.title).toBe("Translate 'good morning'…");
  });

  it("gives a chat without an id the same id on every import", () => {
    const a = ok(parseBetterChatGpt(read("betterchatgpt-legacy.json"), T)).conversations[0];
    const b = ok(parseBetterChatGpt(read("betterchatgpt-legacy.json"), T + 99)).conversations[0];
    expect(a.id).toMatch(/^betterchatgpt:[0-9a-z]+$/);
    expect(b.id).toBe(a.id);
    expect(a.messages.map((m) => m.content.slice(0, 10))).toEqual(["Write a ha", "Soft rain "]);
  });

  it("names the chat and message that is malformed", () => {
    const data = read("betterchatgpt-export.json");
    data.chats[1].messages[0].role = "robot";
    expect(parseBetterChatGpt(data, T)).toMatchObject({
      ok: false,
      problem: { code: "malformed", format: "betterchatgpt", where: [{ noun: "chat", n: 2 }, { noun: "message", n: 1 }, "role"], issue: { kind: "value" } },
    });
  });
});
