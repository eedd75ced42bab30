import { describe, expect, it } from "vitest";
import { assembleConversation, isEmptyWrite, isStreamingTextOnly, mergeMessageIds, planWrite, toStoredConversation } from "./stored-records";
import { conv, longConv, msg } from "./storage-test-helpers";

const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe("planWrite", () => {
  it("writes a new conversation whole: metadata with the message order, every message", () => {
    const c = longConv("a", 3);
    const w = planWrite(undefined, c);
    expect(w.meta).toMatchObject({ id: "a", title: "title a", messageIds: ["a-0", "a-1", "a-2"] });
    expect(w.meta).not.toHaveProperty("messages");
    expect(ids(w.put)).toEqual(["a-0", "a-1", "a-2"]);
    expect(w.del).toEqual([]);
  });

  it("a streamed token in a long conversation writes that one message and no metadata", () => {
    const prev = longConv("a", 2000);
    const messages = prev.messages.slice();
    messages[1999] = { ...messages[1999], content: "more text" };
    const w = planWrite(prev, { ...prev, messages });
    expect(w.meta).toBeNull();
    expect(w.put).toEqual([messages[1999]]);
    expect(w.del).toEqual([]);
  });

  it("an append writes the new messages and the metadata (the order grew)", () => {
    const prev = longConv("a", 4);
    const next = { ...prev, updatedAt: 2, messages: [...prev.messages, msg("q"), msg("r")] };
    const w = planWrite(prev, next);
    expect(ids(w.put)).toEqual(["q", "r"]);
    expect(w.meta?.messageIds).toEqual(["a-0", "a-1", "a-2", "a-3", "q", "r"]);
    expect(w.meta?.updatedAt).toBe(2);
  });

  it("deleting in the middle deletes that record and rewrites the order, not the messages after it", () => {
    const prev = longConv("a", 6);
    const next = { ...prev, messages: prev.messages.filter((m) => m.id !== "a-2") };
    const w = planWrite(prev, next);
    expect(w.put).toEqual([]);
    expect(w.del).toEqual(["a-2"]);
    expect(w.meta?.messageIds).toEqual(["a-0", "a-1", "a-3", "a-4", "a-5"]);
  });

  it("edit-and-resend (truncate, patch, append) writes the edited and the new message, deletes the dropped", () => {
    const prev = longConv("a", 6);
    const edited = { ...prev.messages[2], content: "edited" };
    const answer = msg("new", { role: "assistant" });
    const next = { ...prev, messages: [prev.messages[0], prev.messages[1], edited, answer] };
    const w = planWrite(prev, next);
    expect(w.put).toEqual([edited, answer]);
    expect(w.del.sort()).toEqual(["a-3", "a-4", "a-5"]);
    expect(w.meta?.messageIds).toEqual(["a-0", "a-1", "a-2", "new"]);
  });

  it("a regenerate (last answer replaced by a new one) deletes the old answer and puts the new", () => {
    const prev = longConv("a", 4);
    const next = { ...prev, messages: [...prev.messages.slice(0, 3), msg("again", { role: "assistant" })] };
    const w = planWrite(prev, next);
    expect(ids(w.put)).toEqual(["again"]);
    expect(w.del).toEqual(["a-3"]);
    expect(w.meta?.messageIds).toEqual(["a-0", "a-1", "a-2", "again"]);
  });

  it("a metadata change alone (title, ledger) writes the metadata only", () => {
    const prev = longConv("a", 3);
    const w = planWrite(prev, { ...prev, title: "renamed" });
    expect(w.put).toEqual([]);
    expect(w.del).toEqual([]);
    expect(w.meta).toMatchObject({ title: "renamed", messageIds: ["a-0", "a-1", "a-2"] });
    expect(isEmptyWrite(planWrite(prev, { ...prev }))).toBe(true);
  });

  it("notices a field that disappeared", () => {
    const prev = conv("a", [], { overrides: { model: "x" } });
    const { overrides: _dropped, ...rest } = prev;
    expect(planWrite(prev, rest as typeof prev).meta).not.toBeNull();
  });
});

describe("assembleConversation", () => {
  it("restores the stored order, whatever order the records come in", () => {
    const c = longConv("a", 5);
    const byId = new Map([...c.messages].reverse().map((m) => [m.id, m]));
    expect(assembleConversation(toStoredConversation(c), byId)).toEqual(c);
  });

  it("skips a listed id without a record and appends records not listed (another tab's), oldest first", () => {
    const c = longConv("a", 3);
    const byId = new Map([[c.messages[0].id, c.messages[0]], ["late", msg("late", { createdAt: 9 })], [c.messages[2].id, c.messages[2]], ["stray", msg("stray", { createdAt: 5 })]]);
    expect(ids(assembleConversation(toStoredConversation(c), byId).messages)).toEqual(["a-0", "a-2", "stray", "late"]);
  });
});

describe("isStreamingTextOnly", () => {
  const streaming = (c: ReturnType<typeof longConv>) => ({ ...c, messages: [...c.messages.slice(0, -1), { ...c.messages.at(-1)!, status: "streaming" as const }] });
  it("is true only for text arriving in a streaming message", () => {
    const prev = streaming(longConv("a", 4));
    const messages = prev.messages.slice();
    messages[3] = { ...messages[3], content: "more" };
    expect(isStreamingTextOnly(prev, { ...prev, messages })).toBe(true);
  });
  it("is false for the end of a stream, a send, an edit, a ledger line, a rename, a first write", () => {
    const prev = streaming(longConv("a", 4));
    const done = prev.messages.slice();
    done[3] = { ...done[3], status: "done" };
    expect(isStreamingTextOnly(prev, { ...prev, messages: done })).toBe(false);
    expect(isStreamingTextOnly(prev, { ...prev, messages: [...prev.messages, msg("n")] })).toBe(false);
    const edited = prev.messages.slice();
    edited[0] = { ...edited[0], content: "edited" };
    expect(isStreamingTextOnly(prev, { ...prev, messages: edited })).toBe(false);
    expect(isStreamingTextOnly(prev, { ...prev, ledger: [] })).toBe(false);
    expect(isStreamingTextOnly(prev, { ...prev, title: "new" })).toBe(false);
    expect(isStreamingTextOnly(undefined, prev)).toBe(false);
  });
});

describe("mergeMessageIds", () => {
  it("keeps ids only the stored list has, after the id they followed, unless this tab deleted them", () => {
    expect(mergeMessageIds(["a", "b", "c"], ["a", "b", "x", "y"], new Set())).toEqual(["a", "b", "x", "y", "c"]);
    expect(mergeMessageIds(["b"], ["z", "b"], new Set())).toEqual(["z", "b"]);
    expect(mergeMessageIds(["a", "c"], ["a", "b", "c"], new Set(["b"]))).toEqual(["a", "c"]);
    const ours = ["a"];
    expect(mergeMessageIds(ours, ["a"], new Set())).toBe(ours);
    expect(mergeMessageIds(ours, undefined, new Set())).toBe(ours);
  });
});
