import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { openDB } from "idb";
import { beforeEach, describe, expect, it } from "vitest";
import { closeForTests, DB_NAME, DB_VERSION, isReadOnly, loadState, MESSAGES, putValue, readConversation, ReadOnlyError, writeBatch } from "./storage";
import { reviveConversation } from "./revive";
import { planWrite } from "./stored-records";
import { conv, longConv, msg } from "./storage-test-helpers";
import type { Conversation } from "@/lib/types";

const save = (list: Conversation[], removed: string[] = []) =>
  writeBatch({ writes: list.map((c) => ({ id: c.id, ...planWrite(undefined, c) })), removed });

beforeEach(async () => {
  await closeForTests();
  globalThis.indexedDB = new IDBFactory();
});

describe("storage", () => {
  it("marks an answer that was streaming at reload as interrupted, keeping its text", () => {
    const revived = reviveConversation(conv("a", [msg("m", { role: "assistant", content: "partial answer", status: "streaming" })]));
    expect(revived.messages[0]).toMatchObject({ status: "interrupted", content: "partial answer" });
    const untouched = conv("b", [msg("m")]);
    expect(reviveConversation(untouched)).toBe(untouched);
  });

  it("round-trips conversations, their message order and the key-value entries", async () => {
    const a = longConv("a", 7);
    const b = conv("b", [msg("z"), msg("y", { role: "assistant", content: "partial", status: "streaming" }), msg("x")]);
    await save([a, b]);
    await putValue("currentId", "b");
    await putValue("settings", { theme: "dark" });
    const state = await loadState();
    expect(state.currentId).toBe("b");
    expect(state.settings).toEqual({ theme: "dark" });
    expect(state.accessCode).toBe("");
    const byId = Object.fromEntries(state.conversations.map((c) => [c.id, c]));
    expect(byId.a).toEqual(a);
    expect(byId.b.messages.map((m) => m.id)).toEqual(["z", "y", "x"]);
    // Stored as it was; closing orphaned streams is the loader's job (revive.ts), not storage's.
    expect(byId.b.messages[1]).toMatchObject({ status: "streaming", content: "partial" });
  });

  it("stores each message as its own record keyed by [conversation, message]", async () => {
    await save([longConv("a", 3)]);
    const database = await openDB(DB_NAME, DB_VERSION);
    expect(await database.getAllKeys(MESSAGES)).toEqual([["a", "a-0"], ["a", "a-1"], ["a", "a-2"]]);
    database.close();
  });

  it("removing a conversation deletes all its messages and nothing of its neighbours", async () => {
    // "a" is a prefix of "ab", and "a " sorts right after "a": the key range must keep both.
    await save([longConv("a", 3), longConv("ab", 2), longConv("a ", 2), longConv("0", 1)]);
    await writeBatch({ writes: [], removed: ["a"] });
    const database = await openDB(DB_NAME, DB_VERSION);
    const keys = (await database.getAllKeys(MESSAGES)) as string[][];
    expect(keys.map((k) => k[0]).sort()).toEqual(["0", "a ", "a ", "ab", "ab"]);
    database.close();
    const state = await loadState();
    expect(state.conversations.map((c) => c.id).sort()).toEqual(["0", "a ", "ab"]);
  });

  it("steps aside for a newer version opened in another tab, then turns read-only instead of writing the old layout", async () => {
    await save([longConv("a", 2)]);
    const newer = await openDB(DB_NAME, DB_VERSION + 1); // would wait forever if this connection stayed open
    await expect(save([longConv("b", 1)])).rejects.toMatchObject({ name: "ReadOnlyError", version: DB_VERSION + 1 });
    newer.close();
    expect(isReadOnly()).toBe(DB_VERSION + 1);
  });

  it("reads data written by a newer version without ever writing it", async () => {
    await save([longConv("a", 3)]);
    await closeForTests();
    (await openDB(DB_NAME, DB_VERSION + 2)).close();
    const state = await loadState();
    expect(state.newerVersion).toBe(DB_VERSION + 2);
    expect(state.conversations.map((c) => c.messages.length)).toEqual([3]);
    await expect(writeBatch({ writes: [], removed: ["a"] })).rejects.toBeInstanceOf(ReadOnlyError);
    const database = await openDB(DB_NAME);
    expect(database.version).toBe(DB_VERSION + 2);
    expect(await database.count(MESSAGES)).toBe(3);
    database.close();
  });

  it("loads an empty database", async () => {
    expect(await loadState()).toEqual({ conversations: [], looseLedger: [], prompts: [], settings: null, currentId: null, accessCode: "", newerVersion: null });
  });

  it("keeps ledger lines apart: they outlive their conversation and come back as loose lines", async () => {
    const line = { id: "l1", at: 5, kind: "chat" as const, model: "m", usage: { promptTokens: 1, completionTokens: 2, estimated: false }, cost: null, status: "done" as const, convId: "a" };
    await save([conv("a", [msg("q")], { ledger: [line] })]);
    expect((await loadState()).conversations[0].ledger).toEqual([line]);
    await writeBatch({ writes: [], removed: ["a"], ledger: [{ ...line, convTitle: "title a" }] });
    const state = await loadState();
    expect(state.conversations).toEqual([]);
    expect(state.looseLedger).toEqual([{ ...line, convTitle: "title a" }]);
  });

  it("never drops a message another tab added: the stored order is merged, unlisted records load", async () => {
    const base = conv("a", [msg("q"), msg("r", { role: "assistant" })]);
    await save([base]);
    // Tab 1 adds "t1", tab 2 (which never saw t1) adds "t2" and writes its list last.
    const tab1 = conv("a", [...base.messages, msg("t1", { createdAt: 2 })]);
    const tab2 = conv("a", [...base.messages, msg("t2", { createdAt: 3 })]);
    await writeBatch({ writes: [{ id: "a", ...planWrite(base, tab1) }], removed: [] });
    await writeBatch({ writes: [{ id: "a", ...planWrite(base, tab2) }], removed: [] });
    const [back] = (await loadState()).conversations;
    expect(back.messages.map((m) => m.id).sort()).toEqual(["q", "r", "t1", "t2"]);
    expect(await readConversation("a")).toEqual(back);
  });
});
