import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatMessage } from "@/lib/types";

// The tokenizer's first load is the wait being guarded: each primeCounts call hangs until released.
type Pending = (() => void) & { fail: (err: Error) => void };
const pending: Pending[] = [];
vi.mock("@/lib/client/tokenizer", () => ({
  primeCounts: () => new Promise<void>((resolve, reject) => pending.push(Object.assign(() => resolve(), { fail: reject }))),
  countMessage: () => ({ tokens: 1, exact: true }),
}));
// An attached image still being written to IndexedDB: the other wait before a send's question shows.
const imageWrites: Array<() => void> = [];
vi.mock("@/lib/client/image-store", () => ({ whenImagesStored: () => new Promise<unknown>((resolve) => imageWrites.push(() => resolve(null))) }));
const runCompletion = vi.fn(async (_: unknown) => ({ status: "done", content: "" }));
vi.mock("./run-completion", () => ({ runCompletion: (o: unknown) => runCompletion(o) }));

const { useConversations } = await import("./conversations");
const { useSettings } = await import("./settings");
const { isPreparing } = await import("./preparing");
const { continueAnswer, regenerate, sendMessage } = await import("./chat-actions");
const { conversationBusy } = await import("./chat-params");

const msg = (id: string, role: ChatMessage["role"], extra: Partial<ChatMessage> = {}): ChatMessage => ({ id, role, content: id, status: "done", createdAt: 0, ...extra });
const store = () => useConversations.getState();
/** Lets every settled promise run its continuations. */
const settle = () => new Promise((r) => setTimeout(r, 0));

function cutConversation(): string {
  const id = store().create();
  store().appendMessages(id, [msg("q", "user"), msg("a", "assistant", { parentId: "q", finishReason: "length" })]);
  return id;
}

describe("a second action while the first is being prepared", () => {
  beforeEach(() => {
    store().hydrate([], null);
    useSettings.setState({ titleMode: "off" });
    pending.length = 0;
    imageWrites.length = 0;
    runCompletion.mockClear();
  });

  it("Continue twice before the context is counted: one continuation, and the conversation is busy at once", async () => {
    const id = cutConversation();
    const first = continueAnswer(id, "a");
    // Nothing is streaming yet, yet the conversation already counts as busy for every button.
    expect(store().conversations[id].messages.find((m) => m.id === "a")?.status).toBe("done");
    expect(isPreparing(id)).toBe(true);
    expect(conversationBusy(store().conversations[id])).toBe(true);
    const second = continueAnswer(id, "a");
    await regenerate(id);
    await sendMessage("another question");
    expect(pending).toHaveLength(1);
    pending[0]();
    await Promise.all([first, second]);
    expect(runCompletion).toHaveBeenCalledTimes(1);
    expect(runCompletion.mock.calls[0][0]).toMatchObject({ kind: "continue", messageId: "a" });
    expect(store().conversations[id].messages.map((m) => m.id)).toEqual(["q", "a"]);
    // Released once the message streams: nothing in memory outlives the preparation.
    expect(isPreparing(id)).toBe(false);
  });

  it("releases the claim when counting fails, so Continue can be tried again", async () => {
    const id = cutConversation();
    const first = continueAnswer(id, "a");
    pending[0].fail(new Error("worker crashed"));
    await first;
    expect(isPreparing(id)).toBe(false);
    expect(store().conversations[id].messages[1]).toMatchObject({ status: "done", error: { code: "unknown" } });
    const again = continueAnswer(id, "a");
    expect(isPreparing(id)).toBe(true);
    pending[1]();
    await again;
    expect(runCompletion).toHaveBeenCalledTimes(1);
    expect(store().conversations[id].messages[1]).toMatchObject({ status: "streaming", run: { kind: "continue" } });
  });

  it("a send twice while its image is being stored makes one question and one answer", async () => {
    const image = { id: "img", mime: "image/png", width: 1, height: 1 };
    const first = sendMessage("hello", [image]);
    const second = sendMessage("hello", [image]);
    const id = store().currentId!;
    expect(conversationBusy(store().conversations[id])).toBe(true);
    expect(imageWrites).toHaveLength(1);
    imageWrites[0]();
    await settle();
    expect(store().conversations[id].messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    pending[0]();
    await Promise.all([first, second]);
    expect(runCompletion).toHaveBeenCalledTimes(1);
  });

  it("nothing stays claimed after a send: the next one goes once the answer has ended", async () => {
    const first = sendMessage("one");
    await settle();
    const id = store().currentId!;
    expect(isPreparing(id)).toBe(false);
    pending[0]();
    await first;
    // runCompletion is mocked: mark the answer ended as it would.
    const answerId = store().conversations[id].messages[1].id;
    store().patchMessage(id, answerId, { status: "done" });
    const second = sendMessage("two");
    await settle();
    pending[1]();
    await second;
    expect(runCompletion).toHaveBeenCalledTimes(2);
  });
});
