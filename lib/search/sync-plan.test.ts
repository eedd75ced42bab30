import { describe, expect, it } from "vitest";
import type { ChatMessage, Conversation } from "@/lib/types";
import type { IndexUpdate } from "./search-index";
import { batchUpdates, createSyncPlanner, updateChars } from "./sync-plan";

const msg = (id: string, content: string): ChatMessage => ({ id, role: "user", content, status: "done", createdAt: 1 });
const conv = (id: string, messages: ChatMessage[], title = id, updatedAt = 1): Conversation => ({ id, title, titleSettled: true, createdAt: 1, updatedAt, messages, leafId: null, overrides: {}, ledger: [] });

describe("sync planner", () => {
  it("sends everything once, then nothing for unchanged conversations", () => {
    const planner = createSyncPlanner();
    const a = conv("a", [msg("1", "one"), msg("2", "two")]);
    expect(planner.plan({ a })).toEqual({ updates: [{ conv: { id: "a", title: "a", updatedAt: 1 }, set: [["1", "one"], ["2", "two"]] }], dropped: [] });
    expect(planner.plan({ a })).toEqual({ updates: [], dropped: [] });
  });

  it("sends only messages whose text changed, and removed ones", () => {
    const planner = createSyncPlanner();
    const m1 = msg("1", "one");
    planner.plan({ a: conv("a", [m1, msg("2", "two"), msg("3", "three")]) });
    // A status change (new object, same text), an edit, a removal, an addition.
    const next = conv("a", [{ ...m1, status: "error" }, msg("2", "TWO"), msg("4", "four")], "a", 2);
    expect(planner.plan({ a: next }).updates).toEqual([{ conv: { id: "a", title: "a", updatedAt: 2 }, set: [["2", "TWO"], ["4", "four"]], removed: ["3"] }]);
    // Only a status changed: nothing to send.
    expect(planner.plan({ a: { ...next, messages: [next.messages[0], { ...next.messages[1], status: "done" }, next.messages[2]] } }).updates).toEqual([]);
  });

  it("sends a rename without messages, and drops conversations that are gone", () => {
    const planner = createSyncPlanner();
    const a = conv("a", [msg("1", "one")]);
    planner.plan({ a, b: conv("b", []) });
    expect(planner.plan({ a: { ...a, title: "renamed" } })).toEqual({ updates: [{ conv: { id: "a", title: "renamed", updatedAt: 1 } }], dropped: ["b"] });
    planner.reset();
    expect(planner.plan({ a }).updates).toHaveLength(1);
  });
});

describe("batchUpdates", () => {
  const u = (id: string, sizes: number[], removed?: string[]): IndexUpdate => ({
    conv: { id, title: "", updatedAt: 1 },
    set: sizes.map((n, i) => [`${id}${i}`, "x".repeat(n)]),
    ...(removed ? { removed } : {}),
  });

  it("packs small updates together and splits a big conversation, keeping order", () => {
    const batches = batchUpdates([u("a", [3, 3]), u("b", [4]), u("c", [8, 8, 8], ["gone"]), u("d", [1])], 10);
    expect(batches.map((b) => b.map((x) => `${x.conv.id}:${(x.set ?? []).map(([id]) => id).join(",")}${x.removed ? "-" : ""}`))).toEqual([
      ["a:a0,a1", "b:b0"],
      ["c:c0-"],
      ["c:c1"],
      ["c:c2", "d:d0"],
    ]);
    for (const b of batches) expect(b.reduce((n, x) => n + updateChars(x), 0)).toBeLessThanOrEqual(10);
  });

  it("sends a message bigger than a batch on its own", () => {
    expect(batchUpdates([u("a", [50]), u("b", [1])], 10).map((b) => b.map((x) => x.conv.id))).toEqual([["a"], ["b"]]);
    expect(batchUpdates([], 10)).toEqual([]);
  });
});
