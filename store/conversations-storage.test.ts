// The conversations store and the save scheduler together, as persist.ts wires them: after each
// kind of edit the app makes, a reload must give back exactly what the store holds.
import "fake-indexeddb/auto";
import { beforeAll, describe, expect, it } from "vitest";
import { createSaveScheduler } from "@/lib/client/save-scheduler";
import { loadState } from "@/lib/client/storage";
import type { ChatMessage } from "@/lib/types";
import { useConversations } from "./conversations";

const msg = (id: string, role: ChatMessage["role"]): ChatMessage => ({ id, role, content: id, status: "done", createdAt: 0 });
const store = () => useConversations.getState();
let id = "";

const scheduler = createSaveScheduler((cid) => store().conversations[cid], (err) => {
  throw err;
});
useConversations.subscribe((state, prev) => {
  for (const cid in state.conversations) if (state.conversations[cid] !== prev.conversations[cid]) scheduler.changed(cid);
  for (const cid in prev.conversations) if (!(cid in state.conversations)) scheduler.removed(cid);
});

async function reloaded() {
  await scheduler.flush();
  const { conversations } = await loadState();
  return conversations.find((c) => c.id === id);
}

describe("what the store holds survives a reload", () => {
  beforeAll(() => {
    store().hydrate([], null);
    id = store().create();
  });

  it("after sending", async () => {
    store().appendMessages(id, [msg("u1", "user"), msg("a1", "assistant"), msg("u2", "user"), msg("a2", "assistant"), msg("u3", "user"), msg("a3", "assistant")]);
    expect(await reloaded()).toEqual(store().conversations[id]);
  });

  it("after deleting a message in the middle", async () => {
    store().removeMessage(id, "a1");
    expect((await reloaded())?.messages.map((m) => m.id)).toEqual(["u1", "u2", "a2", "u3", "a3"]);
  });

  it("after an edit-and-resend of a middle question (truncate, patch, new answer)", async () => {
    store().truncateFrom(id, "a2");
    store().patchMessage(id, "u2", { content: "u2 edited" });
    store().appendMessages(id, [msg("a2b", "assistant")]);
    const back = await reloaded();
    expect(back).toEqual(store().conversations[id]);
    expect(back?.messages.map((m) => m.id)).toEqual(["u1", "u2", "a2b"]);
  });

  it("after a regenerate that is cut while streaming", async () => {
    store().truncateFrom(id, "a2b");
    store().appendMessages(id, [{ ...msg("a2c", "assistant"), content: "half", status: "streaming" }]);
    const back = await reloaded();
    expect(back?.messages.map((m) => m.id)).toEqual(["u1", "u2", "a2c"]);
    expect(back?.messages[2]).toMatchObject({ content: "half", status: "interrupted" });
  });

  it("after an import replaces the conversation", async () => {
    store().importMany([{ ...store().conversations[id], title: "imported", messages: [msg("i1", "user"), msg("i1", "assistant")] }]);
    const back = await reloaded();
    expect(back).toEqual(store().conversations[id]);
    expect(back?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("after removing the conversation", async () => {
    store().remove(id);
    expect(await reloaded()).toBeUndefined();
  });
});
