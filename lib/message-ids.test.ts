import { describe, expect, it } from "vitest";
import { withUniqueMessageIds } from "./message-ids";
import type { ChatMessage, Conversation } from "./types";

const msg = (id: string, content = id): ChatMessage => ({ id, role: "user", content, status: "done", createdAt: 0 });
const conv = (messages: ChatMessage[]): Conversation => ({
  id: "c",
  title: "",
  titleSettled: false,
  createdAt: 0,
  updatedAt: 0,
  messages,
  overrides: {},
  ledger: [],
});

describe("withUniqueMessageIds", () => {
  it("returns the same conversation when ids are already unique", () => {
    const c = conv([msg("a"), msg("b")]);
    expect(withUniqueMessageIds(c)).toBe(c);
  });

  it("renames later duplicates and missing ids, keeping every message in place", () => {
    const c = conv([msg("a", "first"), msg("a", "second"), msg("", "empty"), msg("b")]);
    const fixed = withUniqueMessageIds(c);
    expect(fixed.messages.map((m) => m.content)).toEqual(["first", "second", "empty", "b"]);
    expect(fixed.messages[0]).toBe(c.messages[0]);
    expect(new Set(fixed.messages.map((m) => m.id)).size).toBe(4);
    expect(fixed.messages.every((m) => m.id)).toBe(true);
    expect(c.messages[1].id).toBe("a"); // the input is not mutated
  });
});
