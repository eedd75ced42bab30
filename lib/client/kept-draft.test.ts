import { describe, expect, it, vi } from "vitest";
import { createDraftKeeper, readKeptDraft, writeKeptDraft } from "./kept-draft";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("kept draft", () => {
  it("reads back what was kept, and a blank box removes it", () => {
    const storage = memoryStorage();
    expect(readKeptDraft(storage)).toBe("");
    expect(writeKeptDraft("你好，帮我看看这段代码\n", storage)).toBe(true);
    expect(readKeptDraft(storage)).toBe("你好，帮我看看这段代码\n");
    writeKeptDraft("  \n", storage);
    expect(readKeptDraft(storage)).toBe("");
    expect(storage.items.size).toBe(0);
  });

  it("says so when storage refuses (full or blocked), and reads nothing from a throwing storage", () => {
    const storage = memoryStorage();
    writeKeptDraft("an older draft", storage);
    const full = { ...storage, setItem: () => { throw new DOMException("full", "QuotaExceededError"); } };
    expect(writeKeptDraft("a newer, longer draft", full)).toBe(false);
    // The older one must not come back in its place.
    expect(readKeptDraft(storage)).toBe("");
    expect(writeKeptDraft("text", null)).toBe(false);
    expect(readKeptDraft({ getItem: () => { throw new Error("blocked"); } })).toBe("");
  });

  it("writes typing at most once per delay, with the latest text", () => {
    vi.useFakeTimers();
    try {
      const write = vi.fn();
      const keeper = createDraftKeeper(write, 300);
      keeper.change("h");
      keeper.change("he");
      keeper.change("hello");
      expect(write).not.toHaveBeenCalled();
      vi.advanceTimersByTime(300);
      expect(write.mock.calls).toEqual([["hello"]]);
      keeper.change("hello!");
      vi.advanceTimersByTime(299);
      expect(write).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(write.mock.calls.at(-1)).toEqual(["hello!"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("clears at once (a send), and flush writes what is pending once", () => {
    vi.useFakeTimers();
    try {
      const write = vi.fn();
      const keeper = createDraftKeeper(write, 300);
      keeper.change("draft");
      keeper.change("");
      expect(write.mock.calls).toEqual([[""]]);
      vi.advanceTimersByTime(1000);
      expect(write).toHaveBeenCalledTimes(1);
      keeper.change("again");
      keeper.flush();
      keeper.flush();
      expect(write.mock.calls).toEqual([[""], ["again"]]);
    } finally {
      vi.useRealTimers();
    }
  });
});
