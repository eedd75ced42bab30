import { describe, expect, it } from "vitest";
import type { ChatMessage, ChatParams, SavedPrompt } from "@/lib/types";
import {
  chatFromPrompt,
  draftOf,
  duplicatePrompt,
  modelStatus,
  promptFingerprint,
  promptFromChat,
  promptFromDraft,
  searchPrompts,
  sortPrompts,
  validateDraft,
  type PromptDraft,
} from "./library";

const prompt = (over: Partial<SavedPrompt> = {}): SavedPrompt => ({ id: "p", name: "Translator", systemPrompt: "Translate.", createdAt: 1, updatedAt: 1, ...over });
const msg = (id: string, role: ChatMessage["role"], content: string, status: ChatMessage["status"] = "done"): ChatMessage => ({ id, role, content, status, createdAt: 1 });
const params: ChatParams = { model: "gpt-4o", temperature: 0.7, top_p: 1, max_tokens: 1000, presence_penalty: 0, frequency_penalty: 0, historyCount: 4, systemPrompt: "Be brief." };

describe("searchPrompts", () => {
  const list = [
    prompt({ id: "a", name: "Code reviewer", systemPrompt: "Review code for bugs." }),
    prompt({ id: "b", name: "中英互译", systemPrompt: "你是一名专业的翻译。" }),
    prompt({ id: "c", name: "Summariser", systemPrompt: "Summarise.", starters: [{ role: "assistant", content: "Paste the code review notes" }] }),
  ];
  it("matches every word, in any case, in the name, the system prompt or a starter; names first", () => {
    expect(searchPrompts(list, "").map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(searchPrompts(list, "CODE review").map((p) => p.id)).toEqual(["a", "c"]);
    expect(searchPrompts(list, "notes code").map((p) => p.id)).toEqual(["c"]);
    expect(searchPrompts(list, "bugs").map((p) => p.id)).toEqual(["a"]);
  });
  it("finds Chinese by substring, without word breaks", () => {
    expect(searchPrompts(list, "翻译").map((p) => p.id)).toEqual(["b"]);
    expect(searchPrompts(list, "互译").map((p) => p.id)).toEqual(["b"]);
    expect(searchPrompts(list, "英文")).toEqual([]);
  });
});

describe("library helpers", () => {
  it("sorts the user's prompts by last change", () => {
    const list = [prompt({ id: "old", updatedAt: 1 }), prompt({ id: "new", updatedAt: 5 })];
    expect(sortPrompts(list).map((p) => p.id)).toEqual(["new", "old"]);
  });

  it("duplicates into a prompt the user owns, copying params and starters deeply", () => {
    const src = prompt({ source: "builtin", params: { temperature: 0.3 }, starters: [{ role: "assistant", content: "Hi" }] });
    const copy = duplicatePrompt(src, { id: "q", now: 9, name: "Translator (copy)" });
    expect(copy).toEqual({ id: "q", name: "Translator (copy)", systemPrompt: "Translate.", params: { temperature: 0.3 }, starters: [{ role: "assistant", content: "Hi" }], createdAt: 9, updatedAt: 9 });
    expect(copy.starters).not.toBe(src.starters);
    expect(copy.params).not.toBe(src.params);
  });

  it("fingerprints by name and content, ignoring case, spacing and id", () => {
    const a = prompt({ starters: [{ role: "user", content: "Hi  there" }] });
    expect(promptFingerprint(prompt({ ...a, id: "other", name: " translator", systemPrompt: "Translate.\n" }))).toBe(promptFingerprint({ ...a, starters: [{ role: "user", content: "hi there" }] }));
    expect(promptFingerprint({ ...a, starters: [{ role: "assistant", content: "Hi there" }] })).not.toBe(promptFingerprint(a));
  });

  it("says whether the server serves a model, as the picker does", () => {
    const options = [{ id: "gpt-4o" }, { id: "deepseek-chat" }];
    expect(modelStatus("gpt-4o", options, true)).toBe("ok");
    expect(modelStatus("gpt-3.5-turbo", options, false)).toBe("unlisted");
    expect(modelStatus("gpt-3.5-turbo", options, true)).toBe("refused");
  });
});

describe("chatFromPrompt", () => {
  let n = 0;
  const newId = () => `m${++n}`;
  it("sets the prompt's parameters as overrides and its starters as an answered chain", () => {
    n = 0;
    const p = prompt({ params: { model: "mock-model", temperature: 0.2, historyCount: 0 }, starters: [{ role: "user", content: "Q" }, { role: "assistant", content: " " }, { role: "assistant", content: "A" }] });
    const { overrides, messages } = chatFromPrompt(p, { now: 7, newId, useModel: true });
    expect(overrides).toEqual({ systemPrompt: "Translate.", model: "mock-model", temperature: 0.2, historyCount: 0 });
    expect(messages).toEqual([
      { id: "m1", role: "user", content: "Q", status: "done", createdAt: 7, parentId: null },
      { id: "m2", role: "assistant", content: "A", status: "done", createdAt: 7, parentId: "m1" },
    ]);
  });
  it("leaves out a refused model and an empty system prompt (the defaults apply)", () => {
    const { overrides, messages } = chatFromPrompt(prompt({ systemPrompt: "  ", params: { model: "gpt-3.5-turbo" } }), { now: 1, newId, useModel: false });
    expect(overrides).toEqual({});
    expect(messages).toEqual([]);
  });
});

describe("promptFromChat", () => {
  it("takes the setup in effect and the first finished messages of the thread as starters", () => {
    const thread = [msg("1", "user", "Hello"), msg("2", "assistant", "", "error"), msg("3", "assistant", "Hi!"), msg("4", "user", "More"), msg("5", "assistant", "Sure")];
    const p = promptFromChat(params, thread, { id: "x", now: 3, name: "Greeter", starterCount: 2 });
    expect(p).toEqual({
      id: "x",
      name: "Greeter",
      systemPrompt: "Be brief.",
      params: { model: "gpt-4o", temperature: 0.7, historyCount: 4 },
      starters: [{ role: "user", content: "Hello" }, { role: "assistant", content: "Hi!" }],
      createdAt: 3,
      updatedAt: 3,
    });
    expect(promptFromChat(params, thread, { id: "x", now: 3, name: "G", starterCount: 0 }).starters).toBeUndefined();
  });
});

describe("drafts", () => {
  const draft = (over: Partial<PromptDraft> = {}): PromptDraft => ({ name: "N", systemPrompt: "S", model: null, temperature: null, historyCount: null, starters: [], ...over });
  it("accepts a named prompt with a system prompt or a starter", () => {
    expect(validateDraft(draft())).toEqual([]);
    expect(validateDraft(draft({ systemPrompt: "", starters: [{ role: "user", content: "go" }] }))).toEqual([]);
  });
  it("names every field that is wrong, in form order", () => {
    const found = validateDraft(draft({ name: " ", systemPrompt: "", temperature: 2.5, historyCount: 1.5, starters: [{ role: "user", content: "" }] }));
    expect(found.map((p) => [p.field, p.key, p.n])).toEqual([
      ["name", "prompts.error.name", undefined],
      ["systemPrompt", "prompts.error.empty", undefined],
      ["temperature", "prompts.error.temperature", undefined],
      ["historyCount", "prompts.error.historyCount", undefined],
      ["starters", "prompts.error.starter", 1],
    ]);
    expect(validateDraft(draft({ temperature: NaN })).map((p) => p.field)).toEqual(["temperature"]);
    expect(validateDraft(draft({ model: " " })).map((p) => p.field)).toEqual(["model"]);
  });
  it("round-trips a prompt through a draft, keeping id, creation time and source", () => {
    const p = prompt({ params: { model: "gpt-4o", historyCount: 2 }, starters: [{ role: "assistant", content: "Hi" }], source: "nextchat-mask" });
    expect(promptFromDraft(draftOf(p), p, 1)).toEqual(p);
    const edited = promptFromDraft({ ...draftOf(p), name: " Renamed ", model: null, temperature: 0.5 }, p, 9);
    expect(edited).toEqual({ ...p, name: "Renamed", params: { temperature: 0.5, historyCount: 2 }, updatedAt: 9 });
    expect(promptFromDraft(draft(), { id: "n", createdAt: 4 }, 4)).toEqual({ id: "n", name: "N", systemPrompt: "S", createdAt: 4, updatedAt: 4 });
  });
});
