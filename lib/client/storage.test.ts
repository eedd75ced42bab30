import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { createSaveScheduler, loadState, putConversations, reviveConversation } from "./storage";
import type { Conversation } from "@/lib/types";

const conv = (id: string, status: "done" | "streaming" = "done"): Conversation => ({
  id,
  title: id,
  titleSettled: true,
  createdAt: 1,
  updatedAt: 1,
  overrides: {},
  ledger: [],
  messages: [{ id: `${id}-m`, role: "assistant", content: "partial answer", status, createdAt: 1 }],
});

describe("storage", () => {
  it("marks an answer that was streaming at reload as interrupted, keeping its text", () => {
    const revived = reviveConversation(conv("a", "streaming"));
    expect(revived.messages[0]).toMatchObject({ status: "interrupted", content: "partial answer" });
    const untouched = conv("b");
    expect(reviveConversation(untouched)).toBe(untouched);
  });

  it("round-trips conversations through IndexedDB", async () => {
    await putConversations([conv("x", "streaming")]);
    const state = await loadState();
    expect(state.conversations.find((c) => c.id === "x")?.messages[0].status).toBe("interrupted");
  });

  it("writes at most once per interval, batching every change in between", async () => {
    vi.useFakeTimers();
    const reads: string[] = [];
    const scheduler = createSaveScheduler((id) => (reads.push(id), conv(id)), () => {}, 1000);
    scheduler.changed("hot"); // after a quiet period the first change is written at once
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toEqual(["hot"]);
    for (let i = 0; i < 500; i++) scheduler.changed("hot");
    scheduler.changed("other");
    await vi.advanceTimersByTimeAsync(999);
    expect(reads).toEqual(["hot"]);
    await vi.advanceTimersByTimeAsync(2);
    expect(reads.slice(1).sort()).toEqual(["hot", "other"]);
    expect(scheduler.pending()).toBe(0);
    vi.useRealTimers();
  });
});
