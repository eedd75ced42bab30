import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { mergeConversation, planMerge, summarise, type LocalData } from "./merge";
import { readImport } from "./detect";
import type { ChatMessage, Conversation, LedgerEntry } from "@/lib/types";

const msg = (id: string, parentId: string | null, content = id, createdAt = 1): ChatMessage => ({ id, role: "user", content, status: "done", createdAt, parentId });
const line = (id: string): LedgerEntry => ({ id, at: 1, kind: "chat", model: "m", usage: { promptTokens: 1, completionTokens: 1, estimated: false }, cost: null, status: "done" });
const conv = (id: string, messages: ChatMessage[], over: Partial<Conversation> = {}): Conversation => ({
  id,
  title: id,
  titleSettled: true,
  createdAt: 1,
  updatedAt: 1,
  messages,
  leafId: messages.at(-1)?.id ?? null,
  overrides: {},
  ledger: [],
  ...over,
});
const empty = (): LocalData => ({ conversations: {}, prompts: [], ledger: [] });
/** What the store holds after importMany(plan.conversations). */
const apply = (local: LocalData, plan: ReturnType<typeof planMerge>): LocalData => ({
  conversations: { ...local.conversations, ...Object.fromEntries(plan.conversations.map((c) => [c.id, c])) },
  prompts: [...local.prompts, ...plan.prompts],
  ledger: [...local.ledger, ...plan.ledger],
});

describe("planMerge", () => {
  it("the same file twice: the second import changes nothing", () => {
    const r = readImport(readFileSync(new URL("./fixtures/nextchat-backup.json", import.meta.url), "utf8"), 0);
    if (!r.ok) throw new Error("fixture");
    const first = planMerge(empty(), r.bundle);
    expect(first.counts).toMatchObject({ new: 2, same: 0, merged: 0 });
    const after = apply(empty(), first);
    const second = planMerge(after, r.bundle);
    expect(second).toEqual({ conversations: [], prompts: [], ledger: [], counts: { new: 0, same: 2, merged: 0, mergedMessages: 0, samePrompts: 1 } });
    expect(summarise("nextchat", r.bundle, second).nothing).toBe(true);
  });

  it("keeps a local edit: the file's copy of a message never replaces it", () => {
    const local = conv("c", [msg("a", null, "edited here"), msg("b", "a")]);
    const file = conv("c", [msg("a", null, "original"), msg("b", "a")]);
    expect(mergeConversation(local, file)).toBeNull();
    const plan = planMerge({ ...empty(), conversations: { c: local } }, { conversations: [file] });
    expect(plan.counts).toMatchObject({ same: 1, merged: 0 });
  });

  it("adds a branch from the file with its parent links, and keeps the local leaf", () => {
    const local = conv("c", [msg("a", null), msg("b", "a"), msg("mine", "b")]);
    const file = conv("c", [msg("a", null), msg("b", "a"), msg("x", "a"), msg("y", "x")], { updatedAt: 9 });
    const merged = mergeConversation(local, file)!;
    expect(merged.added).toBe(2);
    expect(merged.conversation.messages.map((m) => [m.id, m.parentId])).toEqual([["a", null], ["b", "a"], ["mine", "b"], ["x", "a"], ["y", "x"]]);
    expect(merged.conversation.leafId).toBe("mine");
    expect(merged.conversation.updatedAt).toBe(9);
  });

  it("moves the leaf to the file's when the file continues the branch shown here", () => {
    const local = conv("c", [msg("a", null), msg("b", "a")]);
    const file = conv("c", [msg("a", null), msg("b", "a"), msg("c2", "b"), msg("d", "c2")]);
    expect(mergeConversation(local, file)!.conversation.leafId).toBe("d");
  });

  it("merges ledger lines by id, inside conversations and loose", () => {
    const local = conv("c", [msg("a", null)], { ledger: [line("l1")] });
    const file = conv("c", [msg("a", null)], { ledger: [line("l1"), line("l2")] });
    expect(mergeConversation(local, file)!.conversation.ledger.map((l) => l.id)).toEqual(["l1", "l2"]);
    const plan = planMerge({ ...empty(), ledger: [line("d1")] }, { conversations: [], ledger: [line("d1"), line("d2")] });
    expect(plan.ledger.map((l) => l.id)).toEqual(["d2"]);
  });

  it("adds only prompts that are not here (a local prompt is kept as it is)", () => {
    const mine = { id: "p1", name: "mine", systemPrompt: "local", createdAt: 1, updatedAt: 2 };
    const plan = planMerge({ ...empty(), prompts: [mine] }, { conversations: [], prompts: [{ ...mine, systemPrompt: "file" }, { ...mine, id: "p2", systemPrompt: "other" }] });
    expect(plan.prompts.map((p) => p.id)).toEqual(["p2"]);
    expect(plan.counts.samePrompts).toBe(1);
  });

  it("takes a prompt with the same name and content under another id as already here (NextChat re-ids masks)", () => {
    const mine = { id: "nextchat-mask:a", name: "Tutor", systemPrompt: "Be  kind.", starters: [{ role: "user" as const, content: "hi" }], createdAt: 1, updatedAt: 1 };
    const again = { ...mine, id: "nextchat-mask:b", name: "tutor ", systemPrompt: "Be kind.\n" };
    const changed = { ...mine, id: "nextchat-mask:c", starters: [{ role: "user" as const, content: "hello" }] };
    const plan = planMerge({ ...empty(), prompts: [mine] }, { conversations: [], prompts: [again, changed, { ...changed, id: "nextchat-mask:d" }] });
    expect(plan.prompts.map((p) => p.id)).toEqual(["nextchat-mask:c"]);
    expect(plan.counts.samePrompts).toBe(2);
    expect(summarise("nextchatmask", { conversations: [], prompts: [again] }, planMerge({ ...empty(), prompts: [mine] }, { conversations: [], prompts: [again] })).nothing).toBe(true);
  });

  it("lists new and merged conversations in the file's order, leaving unchanged ones out", () => {
    const local = { ...empty(), conversations: { b: conv("b", [msg("1", null)]), d: conv("d", [msg("1", null)]) } };
    const file = [conv("c", [msg("1", null)]), conv("b", [msg("1", null), msg("2", "1")]), conv("a", [msg("1", null)]), conv("d", [msg("1", null)])];
    const plan = planMerge(local, { conversations: file });
    expect(plan.conversations.map((c) => c.id)).toEqual(["c", "b", "a"]);
    expect(plan.counts).toEqual({ new: 2, same: 1, merged: 1, mergedMessages: 1, samePrompts: 0 });
  });

  it("summarises counts and the date range in one pass", () => {
    const file = [conv("a", [msg("1", null, "x", 50), msg("2", "1", "y", 10)]), conv("b", [msg("1", null, "z", 90)])];
    const s = summarise("chatgpt", { conversations: file }, planMerge(empty(), { conversations: file }));
    expect(s).toMatchObject({ format: "chatgpt", conversations: 2, messages: 3, from: 10, to: 90, nothing: false });
  });
});
