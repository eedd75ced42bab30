/**
 * The stored shape of a conversation (database version 2) and the diff that decides what a save
 * writes. Pure functions, no IndexedDB: storage.ts does the I/O.
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
import type { ChatMessage, Conversation } from "@/lib/types";

export interface StoredConversation extends Omit<Conversation, "messages"> {
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
}

export function toStoredConversation(c: Conversation): StoredConversation {
  // Drop `messages` by name rather than listing the kept fields, so a field added to Conversation
  // later is stored without anyone remembering to add it here.
  const { messages, ...rest } = c;
  return { ...rest, messageIds: messages.map((m) => m.id) };
}

/** Rebuilds a conversation from its records; a listed id without a record is skipped. */
export function assembleConversation(meta: StoredConversation, byId: Map<string, ChatMessage> | undefined): Conversation {
  const { messageIds, ...rest } = meta;
  const messages: ChatMessage[] = [];
  for (const id of messageIds ?? []) {
    const m = byId?.get(id);
    if (m) messages.push(m);
  }
  return { ...rest, messages };
}

/** true when any field other than the messages differs by identity (store updates are immutable). */
function metaChanged(prev: Conversation, next: Conversation): boolean {
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  for (const key in b) if (key !== "messages" && a[key] !== b[key]) return true;
  for (const key in a) if (key !== "messages" && !(key in b)) return true;
  return false;
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
  if (!prev) return { meta: toStoredConversation(next), put: next.messages.slice(), del: [] };
  const { put, del, reordered } = diffMessages(prev.messages, next.messages);
  const meta = reordered || metaChanged(prev, next) ? toStoredConversation(next) : null;
  return { meta, put, del };
}

export function isEmptyWrite(w: ConversationWrite): boolean {
  return !w.meta && w.put.length === 0 && w.del.length === 0;
}
