import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/types";
import { appendToThread, leafIdOf, linkChain, removeOne, removeSubtree, shownCount, subtreeIds, threadOf } from "./thread";

const msg = (id: string, parentId?: string | null): ChatMessage => ({
  id,
  role: "user",
  content: id,
  status: "done",
  createdAt: 1,
  ...(parentId !== undefined ? { parentId } : {}),
});

describe("linkChain", () => {
  it("turns a list without parents into a chain", () => {
    const linked = linkChain([msg("a"), msg("b"), msg("c")]);
    expect(linked.map((m) => m.parentId)).toEqual([null, "a", "b"]);
  });
  it("keeps the same array when every parent is known", () => {
    const list = [msg("a", null), msg("b", "a")];
    expect(linkChain(list)).toBe(list);
  });
  it("repairs a parent that names no message, and a self-parent", () => {
    expect(linkChain([msg("a", null), msg("b", "zzz"), msg("c", "c")]).map((m) => m.parentId)).toEqual([null, "a", "b"]);
  });
});

describe("threadOf", () => {
  const tree = [msg("q", null), msg("a1", "q"), msg("a2", "q"), msg("f", "a1")];
  it("walks from the leaf up to the root", () => {
    expect(threadOf({ messages: tree, leafId: "a2" }).map((m) => m.id)).toEqual(["q", "a2"]);
    expect(threadOf({ messages: tree, leafId: "f" }).map((m) => m.id)).toEqual(["q", "a1", "f"]);
  });
  it("falls back to the last message when leafId is missing or unknown", () => {
    expect(leafIdOf({ messages: tree, leafId: "nope" })).toBe("f");
    expect(threadOf({ messages: tree }).map((m) => m.id)).toEqual(["q", "a1", "f"]);
  });
  it("returns the messages array itself for a chain", () => {
    const chain = linkChain([msg("a"), msg("b")]);
    expect(threadOf({ messages: chain, leafId: "b" })).toBe(chain);
  });
  it("survives a cycle", () => {
    expect(threadOf({ messages: [msg("a", "b"), msg("b", "a")], leafId: "b" }).map((m) => m.id)).toEqual(["a", "b"]);
  });
  it("is empty for an empty conversation", () => {
    expect(threadOf({ messages: [] })).toEqual([]);
  });
});

describe("shownCount", () => {
  it("counts the visible branch, not the other versions kept beside it", () => {
    // Two questions, each answered twice (a regenerated answer): 6 stored, 4 shown.
    const tree = [msg("q1", null), msg("a1", "q1"), msg("a1b", "q1"), msg("q2", "a1b"), msg("a2", "q2"), msg("a2b", "q2")];
    expect(shownCount({ messages: tree, leafId: "a2b" })).toBe(4);
    expect(shownCount({ messages: tree, leafId: "a1" })).toBe(2);
  });
  it("counts every message of a chain, and none of an empty conversation", () => {
    expect(shownCount({ messages: linkChain([msg("a"), msg("b"), msg("c")]) })).toBe(3);
    expect(shownCount({ messages: [] })).toBe(0);
  });
});

describe("editing the tree", () => {
  it("appends below the shown leaf", () => {
    const r = appendToThread({ messages: [msg("q", null), msg("a", "q")], leafId: "a" }, [msg("q2"), msg("a2")]);
    expect(r.leafId).toBe("a2");
    expect(r.messages.map((m) => [m.id, m.parentId])).toEqual([["q", null], ["a", "q"], ["q2", "a"], ["a2", "q2"]]);
  });
  it("removes a subtree and moves the leaf to its parent", () => {
    const tree = [msg("q", null), msg("a1", "q"), msg("a2", "q"), msg("f", "a1")];
    expect([...subtreeIds(tree, "a1")].sort()).toEqual(["a1", "f"]);
    const r = removeSubtree({ messages: tree, leafId: "f" }, "a1")!;
    expect(r.messages.map((m) => m.id)).toEqual(["q", "a2"]);
    expect(r.leafId).toBe("q");
    expect(removeSubtree({ messages: tree, leafId: "a2" }, "a1")!.leafId).toBe("a2");
    expect(removeSubtree({ messages: tree }, "missing")).toBeNull();
  });
  it("removes one message and hands its children to its parent", () => {
    const r = removeOne({ messages: [msg("a", null), msg("b", "a"), msg("c", "b")], leafId: "c" }, "b")!;
    expect(r.messages.map((m) => [m.id, m.parentId])).toEqual([["a", null], ["c", "a"]]);
    expect(r.leafId).toBe("c");
    expect(removeOne({ messages: [msg("a", null), msg("b", "a")], leafId: "b" }, "b")!.leafId).toBe("a");
  });
});
