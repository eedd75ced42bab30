import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { openDB } from "idb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeForTests, CONVERSATIONS, DB_NAME, loadState, MESSAGES } from "./storage";
import { conv, longConv, msg } from "./storage-test-helpers";
import type { Conversation } from "@/lib/types";

/** A database exactly as version 1 of the app made it: whole conversations, plus the kv store. */
async function createV1(conversations: unknown[], kv: Record<string, unknown>) {
  const database = await openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(CONVERSATIONS, { keyPath: "id" });
      d.createObjectStore("kv");
    },
  });
  const tx = database.transaction([CONVERSATIONS, "kv"], "readwrite");
  for (const c of conversations) void tx.objectStore(CONVERSATIONS).put(asV1(c));
  for (const [k, v] of Object.entries(kv)) void tx.objectStore("kv").put(v, k);
  await tx.done;
  database.close();
}

/** What version 1 stored: no parents, no shown leaf (the test builders add both). */
function asV1(c: unknown): unknown {
  if (!c || typeof c !== "object" || !Array.isArray((c as Conversation).messages)) return c;
  const { leafId: _leaf, ...rest } = c as Conversation;
  return { ...rest, messages: rest.messages.map((m) => (m && typeof m === "object" ? (({ parentId: _p, ...plain }) => plain)(m) : m)) };
}

/** What it means after the upgrade: ledger lines carry their conversation's id. */
const upgraded = (c: Conversation): Conversation => ({ ...c, ledger: c.ledger.map((e) => ({ ...e, convId: c.id })) });

const streamingAnswer = msg("s", { role: "assistant", content: "half an ans", status: "streaming", model: "gpt-4o-mini" });
const rich = conv("rich", [msg("u1"), msg("a1", { role: "assistant", usage: { promptTokens: 3, completionTokens: 4, estimated: false }, cost: 0.01 }), msg("u2"), streamingAnswer], {
  title: "Rich",
  titleSettled: false,
  createdAt: 5,
  updatedAt: 9,
  overrides: { model: "gpt-4o", historyCount: 3 },
  ledger: [{ id: "l1", at: 6, kind: "chat", model: "gpt-4o", usage: { promptTokens: 3, completionTokens: 4, estimated: false }, cost: 0.01, messageId: "a1", status: "done" }],
});
const v1: Conversation[] = [rich, longConv("long", 500), conv("empty", []), conv("err", [msg("e", { role: "assistant", status: "error", error: { code: "unknown", status: 500, message: "boom" } })])];

beforeEach(async () => {
  await closeForTests();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => vi.restoreAllMocks());

describe("upgrade from version 1", () => {
  it("keeps every conversation, every message in order, and the key-value entries", async () => {
    await createV1(v1, { currentId: "rich", settings: { theme: "dark" }, accessCode: "c0de" });
    const state = await loadState();
    expect(state).toMatchObject({ currentId: "rich", settings: { theme: "dark" }, accessCode: "c0de" });
    const byId = Object.fromEntries(state.conversations.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(["empty", "err", "long", "rich"]);
    expect(byId.long).toEqual(v1[1]);
    expect(byId.empty).toEqual({ ...v1[2], leafId: null });
    expect(byId.err).toEqual(v1[3]);
    // Everything as stored, now a chain; the ledger lines name their conversation.
    expect(byId.rich).toEqual(upgraded(rich));
  });

  it("moves messages into their own records and leaves no messages inside the metadata", async () => {
    await createV1(v1, {});
    await loadState();
    await closeForTests();
    const database = await openDB(DB_NAME);
    expect(database.version).toBe(3);
    expect(await database.count(MESSAGES)).toBe(4 + 500 + 0 + 1);
    const meta = await database.get(CONVERSATIONS, "rich");
    expect(meta).not.toHaveProperty("messages");
    expect(meta.messageIds).toEqual(["u1", "a1", "u2", "s"]);
    // Stored as it was: reviving a streaming message is the loader's job, not the migration's.
    expect((await database.get(MESSAGES, ["rich", "s"])).message.status).toBe("streaming");
    database.close();
  });

  it("gives a duplicate message id a fresh one instead of losing either message", async () => {
    await createV1([conv("dup", [msg("same", { content: "first" }), msg("same", { content: "second" }), msg("other")])], {});
    const [c] = (await loadState()).conversations;
    expect(c.messages.map((m) => m.content)).toEqual(["first", "second", "text of other"]);
    expect(new Set(c.messages.map((m) => m.id)).size).toBe(3);
    expect(c.messages[0].id).toBe("same");
  });

  it("waits for a tab still holding version 1 open, says so, then migrates once it closes", async () => {
    await createV1(v1, {});
    const oldTab = await openDB(DB_NAME, 1); // version 1 of the app never closed for an upgrade
    let blocked = 0;
    const loading = loadState(() => blocked++);
    await new Promise((r) => setTimeout(r, 20));
    expect(blocked).toBe(1);
    oldTab.close();
    expect((await loading).conversations).toHaveLength(v1.length);
  });

  it("a failed move aborts the upgrade and leaves version 1 untouched, to be migrated next time", async () => {
    await createV1(v1, { currentId: "rich" });
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (this.name === MESSAGES && ++calls === 300) throw new DOMException("disk full", "QuotaExceededError");
      return put.apply(this, args);
    });
    await expect(loadState()).rejects.toBeTruthy();
    vi.restoreAllMocks();
    // The rest of this session does not re-run the migration on every save: it fails at once.
    const putsBefore = vi.spyOn(IDBObjectStore.prototype, "put");
    await expect(loadState()).rejects.toBeTruthy();
    expect(putsBefore).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    await closeForTests(); // as a reload would

    const old = await openDB(DB_NAME);
    expect(old.version).toBe(1);
    expect([...old.objectStoreNames].sort()).toEqual([CONVERSATIONS, "kv"]);
    expect(await old.get(CONVERSATIONS, "long")).toEqual(asV1(v1[1]));
    old.close();

    const state = await loadState();
    expect(state.conversations.find((c) => c.id === "long")).toEqual(v1[1]);
  });
});

/** A database exactly as version 2 of the app made it. */
async function createV2(metas: unknown[], records: Array<{ convId: string; id: string; message: unknown }>) {
  const database = await openDB(DB_NAME, 2, {
    upgrade(d) {
      d.createObjectStore(CONVERSATIONS, { keyPath: "id" });
      d.createObjectStore("kv");
      d.createObjectStore(MESSAGES, { keyPath: ["convId", "id"] });
    },
  });
  const tx = database.transaction([CONVERSATIONS, MESSAGES], "readwrite");
  for (const m of metas) void tx.objectStore(CONVERSATIONS).put(m);
  for (const r of records) void tx.objectStore(MESSAGES).put(r);
  await tx.done;
  database.close();
}

describe("upgrade from version 2", () => {
  const line = { id: "l1", at: 6, kind: "chat", model: "gpt-4o", usage: { promptTokens: 3, completionTokens: 4, estimated: false }, cost: 0.01, messageId: "m2", status: "done" };
  const plain = (id: string, extra: object = {}) => ({ id, role: "user", content: `text of ${id}`, status: "done", createdAt: 1, ...extra });

  it("links the listed messages into a chain, moves the ledger apart, and drops what version 2 did not show", async () => {
    await createV2(
      [{ id: "c", title: "T", titleSettled: true, createdAt: 1, updatedAt: 2, overrides: { historyCount: 2 }, ledger: [line], messageIds: ["m1", "gone", "m2", "m3"] }],
      [
        { convId: "c", id: "m1", message: plain("m1") },
        { convId: "c", id: "m2", message: plain("m2", { role: "assistant" }) },
        { convId: "c", id: "m3", message: plain("m3") },
        // Left over by two tabs writing at once: version 2 never showed it.
        { convId: "c", id: "ghost", message: plain("ghost") },
      ],
    );
    const [c] = (await loadState()).conversations;
    expect(c).toEqual({
      id: "c",
      title: "T",
      titleSettled: true,
      createdAt: 1,
      updatedAt: 2,
      overrides: { historyCount: 2 },
      leafId: "m3",
      messages: [
        { ...plain("m1"), parentId: null },
        { ...plain("m2", { role: "assistant" }), parentId: "m1" },
        { ...plain("m3"), parentId: "m2" },
      ],
      ledger: [{ ...line, convId: "c" }],
    });
    await closeForTests();
    const database = await openDB(DB_NAME);
    expect(database.version).toBe(3);
    expect(await database.count(MESSAGES)).toBe(3);
    expect(await database.get(CONVERSATIONS, "c")).not.toHaveProperty("ledger");
    database.close();
  });
});
