/**
 * What a load does with answers that were streaming when their page went away (a reload, a closed
 * tab, a killed mobile browser): the text kept stays, marked interrupted, and the call becomes a
 * ledger line, since the relay bills what it generated whether or not the page saw the end.
 * Answers still being written by another open tab (`live`) are left alone.
 */
import { roughTokenCount } from "@/lib/tokens";
import type { ChatMessage, Conversation, LedgerEntry } from "@/lib/types";

/** The ledger line of a run cut short; its id is fixed, so reviving twice adds it once. */
export function lostRunLine(convId: string, m: ChatMessage): LedgerEntry | null {
  const run = m.run;
  if (!run) return null;
  const text = m.content.slice(run.prefixLength ?? 0) + (m.reasoning ?? "");
  return {
    id: `lost-${m.id}-${run.startedAt}`,
    at: run.startedAt,
    kind: run.kind,
    model: run.model,
    // Counted roughly: the exact tokenizer loads later, and the relay's own count is unknown.
    usage: { promptTokens: run.promptTokens, completionTokens: roughTokenCount(text), estimated: true },
    cost: null,
    messageId: m.id,
    status: "interrupted",
    convId,
  };
}

/** A stream whose page went away, or a run that ended without its ledger line (the page went
 *  away while the answer's tokens were being counted). */
const orphaned = (m: ChatMessage, live: ReadonlySet<string>) => !live.has(m.id) && (m.status === "streaming" || m.run !== undefined);

/** The conversation with every orphaned stream closed, or the same object when there is none. */
export function reviveConversation(c: Conversation, live: ReadonlySet<string> = new Set()): Conversation {
  if (!c.messages.some((m) => orphaned(m, live))) return c;
  const lines: LedgerEntry[] = [];
  const messages = c.messages.map((m) => {
    if (!orphaned(m, live)) return m;
    const line = lostRunLine(c.id, m);
    if (line && !c.ledger.some((e) => e.id === line.id)) lines.push({ ...line, status: m.status === "streaming" ? "interrupted" : m.status === "error" ? "error" : m.status === "done" ? "done" : "interrupted" });
    const { run: _run, ...rest } = m;
    return m.status === "streaming" ? { ...rest, status: "interrupted" as const } : rest;
  });
  return { ...c, messages, ledger: lines.length ? [...c.ledger, ...lines] : c.ledger };
}
