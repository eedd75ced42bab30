import { describe, expect, it } from "vitest";
import { connectTree, type SourceNode } from "./tree";

const msg = (content: string) => ({ id: "", role: "user" as const, content, status: "done" as const, createdAt: 1 });
const node = (id: string, parent: string | null | undefined, keep = true): SourceNode => ({ id, parent, message: keep ? msg(id) : null });
const links = (nodes: SourceNode[], fallback: "previous" | "root" = "root") => connectTree(nodes, fallback).map((m) => [m.id, m.parentId]);

describe("connectTree", () => {
  it("keeps a tree as it is", () => {
    expect(links([node("a", null), node("b", "a"), node("c", "a")])).toEqual([["a", null], ["b", "a"], ["c", "a"]]);
  });

  it("hangs the children of skipped nodes from their nearest kept ancestor", () => {
    const nodes = [node("root", null, false), node("sys", "root", false), node("q", "sys"), node("tool", "q", false), node("a1", "tool"), node("a2", "q")];
    expect(links(nodes)).toEqual([["q", null], ["a1", "q"], ["a2", "q"]]);
  });

  it("a missing or unknown parent: the previous kept message, or none", () => {
    const nodes = [node("u1", undefined), node("a1", "u1"), node("u2", undefined), node("a2", "gone")];
    expect(links(nodes, "previous")).toEqual([["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"]]);
    expect(links(nodes, "root")).toEqual([["u1", null], ["a1", "u1"], ["u2", null], ["a2", null]]);
  });

  it("never links to a later message, so a cycle cannot survive", () => {
    expect(links([node("a", "b"), node("b", "a")], "previous")).toEqual([["a", null], ["b", "a"]]);
  });

  it("drops a repeated id", () => {
    expect(links([node("a", null), node("a", null)])).toEqual([["a", null]]);
  });
});
