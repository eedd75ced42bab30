import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSaveScheduler } from "./save-scheduler";
import { closeForTests, CONVERSATIONS, LEDGER, loadState, MESSAGES, ReadOnlyError, type SaveBatch } from "./storage";
import { conv, longConv, msg } from "./storage-test-helpers";
import type { Conversation } from "@/lib/types";

/** Records every put and every read-write transaction the app opens. */
function spyIdb() {
  const puts: { store: string; key: unknown }[] = [];
  const transactions: string[][] = [];
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value, key) {
    const v = value as { id: string; convId?: string };
    puts.push({ store: this.name, key: v.convId ? [v.convId, v.id] : v.id });
    return put.call(this, value, key);
  });
  const transaction = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, "transaction").mockImplementation(function (this: IDBDatabase, names, mode, options) {
    if (mode === "readwrite") transactions.push([names].flat());
    return transaction.call(this, names, mode, options);
  });
  return { puts, transactions, reset: () => ((puts.length = 0), (transactions.length = 0)) };
}

/** A scheduler over an in-memory "store" of conversations, as persist.ts wires it to zustand. */
function harness(initial: Conversation[], onError: (err: unknown) => void = () => {}) {
  const state = new Map(initial.map((c) => [c.id, c]));
  const scheduler = createSaveScheduler((id) => state.get(id), onError, { saved: initial });
  const update = (c: Conversation) => (state.set(c.id, c), scheduler.changed(c.id));
  const remove = (id: string) => (state.delete(id), scheduler.removed(id));
  return { state, scheduler, update, remove };
}

async function seed(list: Conversation[]) {
  const h = harness([]);
  list.forEach(h.update);
  await h.scheduler.flush();
}

beforeEach(async () => {
  await closeForTests();
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("save scheduler", () => {
  it("writes at most once per interval, batching every change in between", async () => {
    vi.useFakeTimers();
    const batches: SaveBatch[] = [];
    const c = longConv("hot", 2);
    const scheduler = createSaveScheduler(() => c, () => {}, { intervalMs: 1000, write: async (b) => void batches.push(b) });
    scheduler.changed("hot"); // after a quiet period the first change is written at once
    await vi.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.writes.map((w) => w.id))).toEqual([["hot"]]);
    for (let i = 0; i < 500; i++) scheduler.changed("hot");
    scheduler.changed("other");
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(batches).toHaveLength(2);
    expect(scheduler.pending()).toBe(0);
  });

  it("a streamed token in a long conversation puts that one message, in one transaction", async () => {
    const big = longConv("big", 2000);
    const other = longConv("other", 3);
    await seed([big, other]);
    const idb = spyIdb();
    const h = harness([big, other]);
    const messages = big.messages.slice();
    messages[1999] = { ...messages[1999], content: "streamed so far", status: "streaming" };
    h.update({ ...big, messages });
    await h.scheduler.flush();
    expect(idb.puts).toEqual([{ store: MESSAGES, key: ["big", "big-1999"] }]);
    expect(idb.transactions).toEqual([[CONVERSATIONS, MESSAGES, LEDGER]]);
  });

  it("an append puts the new messages and the metadata only", async () => {
    const c = longConv("c", 10);
    await seed([c]);
    const idb = spyIdb();
    const h = harness([c]);
    h.update({ ...c, updatedAt: 2, messages: [...c.messages, msg("q"), msg("r", { role: "assistant", status: "streaming" })] });
    await h.scheduler.flush();
    expect(idb.puts).toEqual([
      { store: MESSAGES, key: ["c", "q"] },
      { store: MESSAGES, key: ["c", "r"] },
      { store: CONVERSATIONS, key: "c" },
    ]);
  });

  it("writes every changed conversation and every removal of one flush in a single transaction", async () => {
    const a = longConv("a", 3);
    const b = longConv("b", 3);
    const gone = longConv("gone", 4);
    await seed([a, b, gone]);
    const idb = spyIdb();
    const h = harness([a, b, gone]);
    h.update({ ...a, title: "new title" });
    h.update({ ...b, messages: [...b.messages, msg("b-new")] });
    h.remove("gone");
    await h.scheduler.flush();
    expect(idb.transactions).toHaveLength(1);
    // Metadata is put after re-reading the stored order (see writeBatch), so order among stores varies.
    expect(idb.puts).toEqual(
      expect.arrayContaining([
        { store: CONVERSATIONS, key: "a" },
        { store: MESSAGES, key: ["b", "b-new"] },
        { store: CONVERSATIONS, key: "b" },
      ]),
    );
    expect(idb.puts).toHaveLength(3);
    const state = await loadState();
    expect(state.conversations.map((c) => c.id).sort()).toEqual(["a", "b"]);
    expect(state.conversations.find((c) => c.id === "a")?.title).toBe("new title");
  });

  it("diffs against what was last written, not against each intermediate update", async () => {
    const c = longConv("c", 4);
    await seed([c]);
    const idb = spyIdb();
    const h = harness([c]);
    let next = c;
    for (let i = 0; i < 50; i++) {
      const messages = next.messages.slice();
      messages[3] = { ...messages[3], content: `token ${i}` };
      h.update((next = { ...next, messages }));
    }
    await h.scheduler.flush();
    h.update({ ...next, messages: next.messages.slice() }); // a new array with the same messages
    await h.scheduler.flush();
    expect(idb.puts).toEqual([{ store: MESSAGES, key: ["c", "c-3"] }]);
    expect(idb.transactions).toHaveLength(1); // the second flush had nothing to write
  });

  it("a transaction that aborts stores nothing of its flush; the next flush redoes it from the old baseline", async () => {
    const c = longConv("c", 3);
    await seed([c]);
    const errors: unknown[] = [];
    const h = harness([c], (e) => errors.push(e));
    const put = IDBObjectStore.prototype.put;
    const failing = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value, key) {
      const request = put.call(this, value, key);
      // The metadata is put last: abort there, as a quota error at commit would, after the message went in.
      if (this.name === CONVERSATIONS) this.transaction.abort();
      return request;
    });
    const appended = { ...c, messages: [...c.messages, msg("new")] };
    h.update(appended);
    await h.scheduler.flush();
    expect(errors).toHaveLength(1);
    expect((await loadState()).conversations[0]).toEqual(c); // neither the message nor the order
    expect(h.scheduler.pending()).toBe(1);
    failing.mockRestore();
    await h.scheduler.flush();
    expect((await loadState()).conversations[0]).toEqual(appended);
  });

  it("a value that cannot be stored aborts the whole flush instead of committing part of it", async () => {
    const c = longConv("c", 3);
    await seed([c]);
    const errors: unknown[] = [];
    const h = harness([c], (e) => errors.push(e));
    // A deletion is queued first, then the put of an uncloneable message throws synchronously.
    const bad = { ...msg("bad"), usage: (() => {}) as never };
    h.update({ ...c, messages: [c.messages[0], bad] });
    await h.scheduler.flush();
    expect((errors[0] as DOMException).name).toBe("DataCloneError");
    expect((await loadState()).conversations[0]).toEqual(c);
  });

  it("recreating a removed conversation within one flush leaves no stale messages", async () => {
    const c = longConv("c", 4);
    await seed([c]);
    const h = harness([c]);
    h.remove("c");
    const replacement = conv("c", [msg("c-0", { content: "new" }), msg("x")]);
    h.update(replacement);
    await h.scheduler.flush();
    expect((await loadState()).conversations).toEqual([replacement]);
  });
});

describe("durable saves", () => {
  it("writes an urgent change at once (next microtask), streamed text only on the interval", async () => {
    vi.useFakeTimers();
    const batches: SaveBatch[] = [];
    let c = longConv("c", 2);
    const scheduler = createSaveScheduler(() => c, () => {}, { saved: [c], intervalMs: 1000, write: async (b) => void batches.push(b) });
    await scheduler.flush(); // the interval starts now
    c = { ...c, title: "changed" };
    scheduler.changed("c", true);
    await Promise.resolve();
    await Promise.resolve();
    expect(batches).toHaveLength(1);
    c = { ...c, messages: [...c.messages.slice(0, 1), { ...c.messages[1], content: "token" }] };
    scheduler.changed("c");
    await vi.advanceTimersByTimeAsync(10);
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toHaveLength(2);
  });

  it("lists what is not committed yet, in flight or waiting, for the unload journal", async () => {
    let c = longConv("c", 2);
    let release = () => {};
    const scheduler = createSaveScheduler(() => c, () => {}, { saved: [c], write: () => new Promise<void>((r) => (release = r)) });
    expect(scheduler.uncommitted()).toEqual([]);
    c = { ...c, messages: [...c.messages, msg("new")] };
    scheduler.changed("c", true);
    const flushing = scheduler.flush();
    c = { ...c, title: "later" };
    scheduler.changed("c");
    const pending = scheduler.uncommitted();
    expect(pending).toHaveLength(2);
    expect(pending[0].writes[0].put.map((m) => m.id)).toEqual(["new"]);
    release();
    await flushing;
    expect(scheduler.uncommitted()).toHaveLength(1);
  });

  it("after a failure keeps the work, reports once, and retries on its own until it is written", async () => {
    vi.useFakeTimers();
    let c = longConv("c", 2);
    let full = true;
    const errors: unknown[] = [];
    const written: SaveBatch[] = [];
    const scheduler = createSaveScheduler(() => c, (e) => errors.push(e), {
      saved: [c],
      retryMs: 5000,
      write: async (b) => {
        if (full) throw new DOMException("full", "QuotaExceededError");
        written.push(b);
      },
    });
    c = { ...c, messages: [...c.messages, msg("kept")] };
    scheduler.changed("c", true);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(errors).toHaveLength(1);
    expect(scheduler.pending()).toBe(1);
    full = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(written.flatMap((b) => b.writes.flatMap((w) => w.put.map((m) => m.id)))).toEqual(["kept"]);
    expect(scheduler.pending()).toBe(0);
  });

  it("stops writing for good once the database belongs to a newer version", async () => {
    const c = longConv("c", 1);
    let writes = 0;
    const errors: unknown[] = [];
    const scheduler = createSaveScheduler(() => c, (e) => errors.push(e), {
      write: async () => {
        writes++;
        throw new ReadOnlyError(4);
      },
    });
    scheduler.changed("c", true);
    await scheduler.flush();
    scheduler.changed("c", true);
    await scheduler.flush();
    expect(writes).toBe(1);
    expect(errors).toHaveLength(1);
    expect(scheduler.readOnly()).toBeInstanceOf(ReadOnlyError);
  });
});
