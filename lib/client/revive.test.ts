import { describe, expect, it } from "vitest";
import { reviveConversation } from "./revive";
import { conv, msg } from "./storage-test-helpers";

const run = { kind: "chat" as const, model: "gpt-4o", promptTokens: 40, startedAt: 1000 };

describe("reviveConversation", () => {
  it("closes a stream whose page went away: text kept, interrupted, billed as an estimated ledger line", () => {
    const c = conv("c", [msg("q"), msg("a", { role: "assistant", content: "x".repeat(400), status: "streaming", run })]);
    const back = reviveConversation(c);
    expect(back.messages[1]).toMatchObject({ status: "interrupted", content: "x".repeat(400) });
    expect(back.messages[1]).not.toHaveProperty("run");
    expect(back.ledger).toEqual([
      expect.objectContaining({ id: "lost-a-1000", kind: "chat", model: "gpt-4o", status: "interrupted", messageId: "a", convId: "c", usage: { promptTokens: 40, completionTokens: expect.any(Number), estimated: true } }),
    ]);
    expect(back.ledger[0].usage.completionTokens).toBeGreaterThan(0);
  });

  it("bills a cut Continue for its new text only, and never twice", () => {
    const cont = { ...run, kind: "continue" as const, prefixLength: 1000 };
    const c = conv("c", [msg("a", { role: "assistant", content: "y".repeat(1000), status: "streaming", run: cont })]);
    const once = reviveConversation(c);
    expect(once.ledger[0].usage.completionTokens).toBe(0);
    // Reviving data that already holds the line (a replayed journal) adds nothing.
    const again = reviveConversation({ ...c, ledger: once.ledger });
    expect(again.ledger).toHaveLength(1);
  });

  it("leaves streams of live tabs alone, and conversations without streams as they are", () => {
    const c = conv("c", [msg("a", { role: "assistant", status: "streaming", run })]);
    expect(reviveConversation(c, new Set(["a"]))).toBe(c);
    const quiet = conv("q", [msg("x")]);
    expect(reviveConversation(quiet)).toBe(quiet);
  });

  it("an old stream without run information is closed without a line", () => {
    const back = reviveConversation(conv("c", [msg("a", { role: "assistant", status: "streaming" })]));
    expect(back.messages[0].status).toBe("interrupted");
    expect(back.ledger).toEqual([]);
  });
});

describe("a run that ended without its ledger line", () => {
  it("gets the line, keeps its final status", () => {
    const c = conv("c", [msg("a", { role: "assistant", content: "complete", status: "done", run })]);
    const back = reviveConversation(c);
    expect(back.messages[0].status).toBe("done");
    expect(back.messages[0]).not.toHaveProperty("run");
    expect(back.ledger).toEqual([expect.objectContaining({ messageId: "a", status: "done", usage: expect.objectContaining({ estimated: true }) })]);
  });
});
