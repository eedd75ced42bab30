import { describe, expect, it } from "vitest";
import { assembleConversation, isEmptyWrite, planWrite, toStoredConversation } from "./stored-records";
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

  it("skips a listed id without a record and ignores records not listed", () => {
    const c = longConv("a", 3);
    const byId = new Map([[c.messages[0].id, c.messages[0]], [c.messages[2].id, c.messages[2]], ["stray", msg("stray")]]);
    expect(ids(assembleConversation(toStoredConversation(c), byId).messages)).toEqual(["a-0", "a-2"]);
  });
});
