/**
 * The stored shape of a conversation (database version 3) and the diff that decides what a save
 * writes. Pure functions, no IndexedDB: storage.ts does the I/O.
 *
 * Version 3 keeps version 2's layout and adds: each message record carries its parent (the tree
 * of branches), the metadata names the shown leaf and, for the trash, when it was deleted; the
 * ledger lives in a store of its own, one record per line keyed by id with the conversation's id
 * inside, so a line outlives the conversation it was billed in.
 *
 * A conversation is one metadata record (everything but the messages, plus the ordered list of
 * its message ids) and one record per message keyed by (conversation id, message id). While an
 * answer streams only that message changes, so a save writes one message record, whatever the
 * length of the conversation.
 *
 * Why an id list in the metadata rather than an order key on each message: the order then lives
 * in exactly one record, written in the same transaction as the messages, so a load can never
 * see two orders to reconcile; inserting or dropping a message anywhere never renumbers its
 * neighbours; and a message record carries nothing about its position. The price is rewriting
 * the list (about 40 bytes a message) when the list itself changes — a send, a regenerate, a
 * delete — never on a streamed token.
 */
import type { ChatMessage, Conversation, LedgerEntry } from "@/lib/types";

export interface StoredConversation extends Omit<Conversation, "messages" | "ledger"> {
  /** The conversation's messages, in order. */
  messageIds: string[];
}

export interface StoredMessage {
  convId: string;
  id: string;
  message: ChatMessage;
}

/** What one save writes for one conversation. */
export interface ConversationWrite {
  /** The metadata record, when it (or the order of the messages) changed. */
  meta: StoredConversation | null;
  put: ChatMessage[];
  /** Ids of messages that are no longer in the conversation. */
  del: string[];
  /** New ledger lines (the ledger only grows; lines are never rewritten or deleted). */
  ledger: LedgerEntry[];
}

export function toStoredConversation(c: Conversation): StoredConversation {
  // Drop `messages` and `ledger` by name rather than listing the kept fields, so a field added to
  // Conversation later is stored without anyone remembering to add it here.
  const { messages, ledger: _ledger, ...rest } = c;
  return { ...rest, messageIds: messages.map((m) => m.id) };
}

/**
 * Rebuilds a conversation from its records. Listed ids come first, in order (a listed id without a
 * record is skipped); records the list does not name — a message another tab added while this one
 * wrote the list — follow, oldest first, so no stored message is ever left out.
 */
export function assembleConversation(meta: StoredConversation, byId: Map<string, ChatMessage> | undefined, ledger: LedgerEntry[] = []): Conversation {
  const { messageIds, ...rest } = meta;
  const messages: ChatMessage[] = [];
  const listed = new Set<string>();
  for (const id of messageIds ?? []) {
    const m = byId?.get(id);
    if (m && !listed.has(id)) messages.push(m);
    listed.add(id);
  }
  if (byId && byId.size > messages.length) {
    const extra = [...byId.values()].filter((m) => !listed.has(m.id)).sort((a, b) => a.createdAt - b.createdAt);
    messages.push(...extra);
  }
  return { ...rest, messages, ledger };
}

/** true when any field other than the messages and the ledger differs by identity (updates are immutable). */
function metaChanged(prev: Conversation, next: Conversation): boolean {
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  for (const key in b) if (key !== "messages" && key !== "ledger" && a[key] !== b[key]) return true;
  for (const key in a) if (key !== "messages" && key !== "ledger" && !(key in b)) return true;
  return false;
}

/** Ledger lines in `next` that `prev` does not hold (by identity: lines are appended, never edited). */
function newLedgerLines(prev: LedgerEntry[] | undefined, next: LedgerEntry[]): LedgerEntry[] {
  if (!prev) return next.slice();
  if (prev === next) return [];
  const before = new Set(prev);
  return next.filter((e) => !before.has(e));
}

/**
 * The messages to put and delete to turn `prev` into `next`, and whether the order of ids
 * changed. Edits and appends keep every earlier message at its index, so the common case is one
 * walk comparing by identity; a removal or truncation falls back to sets.
 */
function diffMessages(prev: ChatMessage[], next: ChatMessage[]): { put: ChatMessage[]; del: string[]; reordered: boolean } {
  if (prev === next) return { put: [], del: [], reordered: false };
  if (prev.length <= next.length) {
    const put: ChatMessage[] = [];
    let aligned = true;
    for (let i = 0; i < prev.length; i++) {
      if (prev[i] === next[i]) continue;
      if (prev[i].id !== next[i].id) {
        aligned = false;
        break;
      }
      put.push(next[i]);
    }
    if (aligned) {
      for (let i = prev.length; i < next.length; i++) put.push(next[i]);
      return { put, del: [], reordered: next.length !== prev.length };
    }
  }
  const before = new Set(prev);
  const nextIds = new Set(next.map((m) => m.id));
  return {
    put: next.filter((m) => !before.has(m)),
    del: prev.filter((m) => !nextIds.has(m.id)).map((m) => m.id),
    // Reaching here means a shorter list or an id at a different index: the order changed.
    reordered: true,
  };
}

/** What to write so the database, holding `prev` (undefined: nothing), holds `next`. */
export function planWrite(prev: Conversation | undefined, next: Conversation): ConversationWrite {
  const ledger = withConvId(next.id, newLedgerLines(prev?.ledger, next.ledger));
  if (!prev) return { meta: toStoredConversation(next), put: next.messages.slice(), del: [], ledger };
  const { put, del, reordered } = diffMessages(prev.messages, next.messages);
  const meta = reordered || metaChanged(prev, next) ? toStoredConversation(next) : null;
  return { meta, put, del, ledger };
}

function withConvId(convId: string, lines: LedgerEntry[]): LedgerEntry[] {
  return lines.map((e) => (e.convId === convId ? e : { ...e, convId }));
}

export function isEmptyWrite(w: ConversationWrite): boolean {
  return !w.meta && w.put.length === 0 && w.del.length === 0 && w.ledger.length === 0;
}

/**
 * true when the only change is text arriving in messages that are still streaming: the one kind
 * of change that may wait for the next timed save. Anything else — a send, an edit, a delete, a
 * status change, a ledger line, a rename — is written at once.
 */
export function isStreamingTextOnly(prev: Conversation | undefined, next: Conversation): boolean {
  if (!prev || prev.messages.length !== next.messages.length || prev.ledger !== next.ledger || metaChanged(prev, next)) return false;
  for (let i = 0; i < next.messages.length; i++) {
    const a = prev.messages[i];
    const b = next.messages[i];
    if (a === b) continue;
    if (a.id !== b.id || a.status !== "streaming" || b.status !== "streaming") return false;
  }
  return true;
}

/**
 * The message order to store when another tab may have written the list since this tab read it:
 * this tab's order, plus every id only the stored list has (another tab's new message) unless
 * this tab deleted it, each placed after the id it followed there.
 */
export function mergeMessageIds(ours: string[], stored: string[] | undefined, deleted: ReadonlySet<string>): string[] {
  if (!stored || stored.length === 0) return ours;
  const have = new Set(ours);
  const missing = stored.filter((id) => !have.has(id) && !deleted.has(id));
  if (missing.length === 0) return ours;
  const out = ours.slice();
  for (const id of missing) {
    const before = stored[stored.indexOf(id) - 1];
    const at = before === undefined ? 0 : out.indexOf(before) + 1;
    out.splice(at === 0 && before !== undefined ? out.length : at, 0, id);
  }
  return out;
}
