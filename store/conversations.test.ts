import { beforeEach, describe, expect, it } from "vitest";
import { useConversations } from "./conversations";
import type { ChatMessage } from "@/lib/types";
import { threadOf } from "@/lib/chat/thread";

const msg = (id: string, role: ChatMessage["role"] = "user"): ChatMessage => ({ id, role, content: id, status: "done", createdAt: 0 });

describe("conversations store", () => {
  beforeEach(() => useConversations.getState().hydrate([], null));

  it("reuses an empty current chat instead of creating another", () => {
    const a = useConversations.getState().create();
    expect(useConversations.getState().create()).toBe(a);
    useConversations.getState().appendMessages(a, [msg("m1")]);
    expect(useConversations.getState().create()).not.toBe(a);
  });

  it("replaces only the conversation it touches", () => {
    const a = useConversations.getState().create();
    useConversations.getState().appendMessages(a, [msg("m1")]);
    const b = useConversations.getState().create();
    const before = useConversations.getState().conversations;
    useConversations.getState().patchMessage(b, "missing", { content: "x" });
    expect(useConversations.getState().conversations).toBe(before);
    useConversations.getState().appendMessages(b, [msg("m2")]);
    const after = useConversations.getState().conversations;
    expect(after[a]).toBe(before[a]);
    expect(after[b]).not.toBe(before[b]);
    expect(useConversations.getState().order[0]).toBe(b);
  });

  it("truncates from a message and removes single messages", () => {
    const a = useConversations.getState().create();
    useConversations.getState().appendMessages(a, [msg("1"), msg("2", "assistant"), msg("3"), msg("4", "assistant")]);
    useConversations.getState().truncateFrom(a, "3");
    expect(useConversations.getState().conversations[a].messages.map((m) => m.id)).toEqual(["1", "2"]);
    useConversations.getState().removeMessage(a, "1");
    expect(useConversations.getState().conversations[a].messages.map((m) => m.id)).toEqual(["2"]);
  });

  it("keeps a user's rename over later generated titles", () => {
    const a = useConversations.getState().create();
    useConversations.getState().setTitle(a, "auto", false);
    expect(useConversations.getState().conversations[a].titleSettled).toBe(false);
    useConversations.getState().rename(a, "  Mine ");
    expect(useConversations.getState().conversations[a]).toMatchObject({ title: "Mine", titleSettled: true });
  });

  it("moves the selection when the current conversation is deleted", () => {
    const a = useConversations.getState().create();
    useConversations.getState().appendMessages(a, [msg("1")]);
    const b = useConversations.getState().create();
    useConversations.getState().remove(b);
    expect(useConversations.getState().currentId).toBe(a);
  });

  it("keeps versions as branches: show one, delete one with what follows, undo puts it back", () => {
    const store = () => useConversations.getState();
    const a = store().create();
    store().appendMessages(a, [msg("q"), msg("a1", "assistant"), msg("q2"), msg("a2", "assistant")]);
    // A regenerated answer: a sibling of a1 under q.
    store().appendMessages(a, [{ ...msg("a1b", "assistant"), parentId: "q" }]);
    const ids = () => threadOf(store().conversations[a]).map((m) => m.id);
    expect(ids()).toEqual(["q", "a1b"]);
    store().showBranch(a, "a1");
    expect(ids()).toEqual(["q", "a1", "q2", "a2"]);

    const removed = store().removeBranch(a, "a1")!;
    expect(removed.removedIds.sort()).toEqual(["a1", "a2", "q2"]);
    expect(ids()).toEqual(["q", "a1b"]);
    store().restoreBranch(a, removed);
    expect(store().conversations[a].messages.map((m) => m.id)).toEqual(["q", "a1", "q2", "a2", "a1b"]);
    expect(ids()).toEqual(["q", "a1", "q2", "a2"]);
    expect(store().removeBranch(a, "nope")).toBeNull();
  });

  it("starts a chat with given overrides and messages, in the untouched open chat or a new one", () => {
    const a = useConversations.getState().create();
    const start = { overrides: { temperature: 0.2 }, messages: [{ ...msg("s1", "assistant"), parentId: null }] };
    expect(useConversations.getState().startWith(start)).toBe(a);
    expect(useConversations.getState().conversations[a]).toMatchObject({ overrides: { temperature: 0.2 }, leafId: "s1" });
    const b = useConversations.getState().startWith({ overrides: { model: "m" }, messages: [] });
    expect(b).not.toBe(a);
    const s = useConversations.getState();
    expect(s.currentId).toBe(b);
    expect(s.order).toEqual([b, a]);
    expect(s.conversations[b]).toMatchObject({ overrides: { model: "m" }, messages: [], leafId: null });
  });

  it("shows a message: switches to the newest branch below it only when it is hidden", () => {
    const a = useConversations.getState().create();
    const tree: ChatMessage[] = [
      { ...msg("q"), parentId: null, createdAt: 1 },
      { ...msg("a1", "assistant"), parentId: "q", createdAt: 2 },
      { ...msg("f1"), parentId: "a1", createdAt: 3 },
      { ...msg("a2", "assistant"), parentId: "q", createdAt: 4 },
    ];
    useConversations.setState((s) => ({ conversations: { ...s.conversations, [a]: { ...s.conversations[a], messages: tree, leafId: "a2" } } }));
    const b = useConversations.getState().create();
    expect(useConversations.getState().currentId).toBe(b);
    useConversations.getState().showMessage(a, "a1");
    expect(useConversations.getState().currentId).toBe(a);
    expect(useConversations.getState().conversations[a].leafId).toBe("f1");
    const before = useConversations.getState().conversations[a];
    // Already on the branch shown: nothing changes.
    useConversations.getState().showMessage(a, "q");
    expect(useConversations.getState().conversations[a]).toBe(before);
  });
});
