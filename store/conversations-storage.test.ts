// The conversations store and the save scheduler together, as persist.ts wires them: after each
// kind of edit the app makes, a reload must give back exactly what the store holds.
import "fake-indexeddb/auto";
import { beforeAll, describe, expect, it } from "vitest";
import { createSaveScheduler } from "@/lib/client/save-scheduler";
import { loadInitialState } from "./persist-load";
import type { ChatMessage } from "@/lib/types";
import { useConversations } from "./conversations";

const msg = (id: string, role: ChatMessage["role"]): ChatMessage => ({ id, role, content: id, status: "done", createdAt: 0 });
const store = () => useConversations.getState();
let id = "";

const scheduler = createSaveScheduler((cid) => store().conversations[cid] ?? store().trash[cid], (err) => {
  throw err;
});
useConversations.subscribe((state, prev) => {
  for (const cid in state.conversations) if (state.conversations[cid] !== prev.conversations[cid]) scheduler.changed(cid);
  for (const cid in state.trash) if (state.trash[cid] !== prev.trash[cid]) scheduler.changed(cid);
  for (const cid of [...Object.keys(prev.conversations), ...Object.keys(prev.trash)]) {
    if (!(cid in state.conversations) && !(cid in state.trash)) scheduler.removed(cid);
  }
});

/** What a reload of the page would show (persist-load: streams whose page is gone are closed). */
async function reloaded() {
  await scheduler.flush();
  const { conversations } = await loadInitialState(() => {});
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
    const run = { kind: "regenerate" as const, model: "gpt-4o", promptTokens: 12, startedAt: 77 };
    store().appendMessages(id, [{ ...msg("a2c", "assistant"), content: "half", status: "streaming", run }]);
    const back = await reloaded();
    expect(back?.messages.map((m) => m.id)).toEqual(["u1", "u2", "a2c"]);
    expect(back?.messages[2]).toMatchObject({ content: "half", status: "interrupted" });
    expect(back?.messages[2]).not.toHaveProperty("run");
    // The relay billed what it streamed: the cut call is a ledger line (estimated).
    expect(back?.ledger.at(-1)).toMatchObject({ kind: "regenerate", model: "gpt-4o", status: "interrupted", messageId: "a2c", usage: { promptTokens: 12, estimated: true } });
  });

  it("after an import replaces the conversation", async () => {
    store().importMany([{ ...store().conversations[id], title: "imported", messages: [msg("i1", "user"), msg("i1", "assistant")] }]);
    const back = await reloaded();
    expect(back).toEqual(store().conversations[id]);
    expect(back?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("after moving the conversation to the trash, and restoring it", async () => {
    const before = store().conversations[id];
    store().remove(id);
    expect(await reloaded()).toMatchObject({ id, deletedAt: expect.any(Number) });
    store().restore(id);
    expect(await reloaded()).toEqual(before);
  });

  it("after removing the conversation for good", async () => {
    store().remove(id);
    store().purge(id);
    expect(await reloaded()).toBeUndefined();
  });
});
