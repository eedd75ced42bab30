import { describe, expect, it } from "vitest";
import { clearJournal, readJournals, writeJournal } from "./journal";
import type { SaveBatch } from "./storage";

/** An in-memory Storage, optionally full. */
function memoryStorage(limit = Infinity) {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > limit) throw new DOMException("full", "QuotaExceededError");
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
}

const batch = (id: string): SaveBatch => ({ writes: [{ id, meta: null, put: [], del: [], ledger: [] }], removed: [] });

describe("unload journal", () => {
  it("keeps one journal per tab and reads them back oldest first", () => {
    const store = memoryStorage();
    expect(writeJournal("tab-b", [batch("x")], store)).toBe(true);
    expect(writeJournal("tab-a", [batch("y"), batch("z")], store)).toBe(true);
    store.data.set("unrelated", "1");
    const journals = readJournals(store);
    expect(journals.map((j) => j.tab)).toEqual(["tab-b", "tab-a"]);
    expect(journals[1].batches.map((b) => b.writes[0].id)).toEqual(["y", "z"]);
  });

  it("an empty list or a clear removes the tab's journal", () => {
    const store = memoryStorage();
    writeJournal("t", [batch("x")], store);
    writeJournal("t", [], store);
    expect(readJournals(store)).toEqual([]);
    writeJournal("t", [batch("x")], store);
    clearJournal("t", store);
    expect(readJournals(store)).toEqual([]);
  });

  it("says so when storage is full, and drops unreadable journals", () => {
    expect(writeJournal("t", [batch("x")], memoryStorage(10))).toBe(false);
    const store = memoryStorage();
    store.data.set("relaychat-journal:broken", "{not json");
    store.data.set("relaychat-journal:odd", JSON.stringify({ hello: 1 }));
    expect(readJournals(store)).toEqual([]);
    expect(store.data.size).toBe(0);
  });

  it("without storage, nothing is kept and nothing throws", () => {
    expect(writeJournal("t", [batch("x")], null)).toBe(false);
    expect(readJournals(null)).toEqual([]);
  });
});
