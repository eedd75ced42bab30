import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/types";
import { branchPosition, leafAfterRemoval, newestLeafUnder } from "./branches";

const m = (id: string, parentId: string | null, role: ChatMessage["role"] = "user"): ChatMessage => ({ id, parentId, role, content: id, status: "done", createdAt: 0 });

// q1 ─ a1 ─ q2 ─ a2
//    ├ a1b ─ q3 ─ a3
//    └ a1c
const tree = [m("q1", null), m("a1", "q1", "assistant"), m("q2", "a1"), m("a2", "q2", "assistant"), m("a1b", "q1", "assistant"), m("q3", "a1b"), m("a3", "q3", "assistant"), m("a1c", "q1", "assistant")];

describe("branchPosition", () => {
  it("numbers versions oldest first with their neighbours", () => {
    expect(branchPosition(tree, "a1")).toEqual({ index: 1, count: 3, prevId: null, nextId: "a1b" });
    expect(branchPosition(tree, "a1b")).toEqual({ index: 2, count: 3, prevId: "a1", nextId: "a1c" });
    expect(branchPosition(tree, "a1c")).toEqual({ index: 3, count: 3, prevId: "a1b", nextId: null });
  });

  it("is null for a message without siblings or an unknown id", () => {
    expect(branchPosition(tree, "q1")).toBeNull();
    expect(branchPosition(tree, "q2")).toBeNull();
    expect(branchPosition(tree, "nope")).toBeNull();
  });

  it("counts edited first questions (parent null) as versions too", () => {
    expect(branchPosition([m("q1", null), m("q1b", null)], "q1b")).toMatchObject({ index: 2, count: 2 });
  });
});

describe("newestLeafUnder", () => {
  it("goes to where the user last went on from a version, not only its newest child", () => {
    const at = (x: ChatMessage, createdAt: number) => ({ ...x, createdAt });
    // a1 then a1b were answered; then the user went back to a1 and asked q2 under it.
    const list = [at(m("q1", null), 1), at(m("a1", "q1", "assistant"), 2), at(m("a1b", "q1", "assistant"), 3), at(m("q2", "a1"), 4), at(m("a2", "q2", "assistant"), 5)];
    expect(newestLeafUnder(list, "q1")).toBe("a2");
    expect(newestLeafUnder(list, "a1b")).toBe("a1b");
  });

  it("follows the newest message down (array order breaks ties)", () => {
    expect(newestLeafUnder(tree, "a1b")).toBe("a3");
    expect(newestLeafUnder(tree, "a1")).toBe("a2");
    expect(newestLeafUnder(tree, "q1")).toBe("a1c");
    expect(newestLeafUnder(tree, "a3")).toBe("a3");
  });
});

describe("leafAfterRemoval", () => {
  it("shows the newest remaining version beside the removed one, else its parent", () => {
    const remaining = tree.filter((x) => !["a1c"].includes(x.id));
    expect(leafAfterRemoval({ messages: tree }, "a1c", remaining)).toBe("a3");
    const onlyChild = [m("q1", null), m("a1", "q1", "assistant")];
    expect(leafAfterRemoval({ messages: onlyChild }, "a1", [onlyChild[0]])).toBe("q1");
    expect(leafAfterRemoval({ messages: [m("q1", null)] }, "q1", [])).toBeNull();
  });
});
