/**
 * Database upgrade from version 1 (each conversation one record, its messages inside) to version 2
 * (a metadata record plus one record per message). Runs inside the upgrade transaction: either
 * every conversation is moved or, on any failure, the upgrade aborts and version 1 stays as it was.
 */
import type { IDBPTransaction } from "idb";
import type { ChatMessage, Conversation } from "@/lib/types";
import { withUniqueMessageIds } from "@/lib/message-ids";
import { toStoredConversation, type StoredMessage } from "./stored-records";

// Literal names rather than imports from storage.ts, which imports this module.
const CONVERSATIONS = "conversations";
const MESSAGES = "messages";

/** A version-1 record: a Conversation, though anything may be missing from one that old. */
type V1Record = Omit<Conversation, "messages"> & { messages?: unknown };

/** Moves each version-1 record's messages into the messages store, one record at a time (a cursor,
 *  not getAll, so a large history is never held in memory twice). Returns how many were moved. */
export async function migrateV1Conversations(tx: IDBPTransaction<unknown, string[], "versionchange">): Promise<number> {
  const messages = tx.objectStore(MESSAGES);
  let moved = 0;
  let cursor = await tx.objectStore(CONVERSATIONS).openCursor();
  while (cursor) {
    const old = cursor.value as V1Record;
    const list = Array.isArray(old.messages) ? (old.messages as ChatMessage[]) : [];
    // Version 1 kept duplicate message ids (an imported file could carry them) without harm; keyed
    // records would overwrite one with the other, so such a message gets a fresh id instead.
    // A non-object entry was never a message (version 1 could not even load it), so it is not kept.
    const conversation = withUniqueMessageIds({ ...old, messages: list.filter((m) => m && typeof m === "object") });
    for (const m of conversation.messages) {
      // Queued, not awaited one by one: requests in one transaction run in order anyway, and a
      // failure aborts the transaction, which is what the caller watches.
      messages.put({ convId: conversation.id, id: m.id, message: m } satisfies StoredMessage).catch(() => {});
    }
    await cursor.update(toStoredConversation(conversation));
    moved++;
    cursor = await cursor.continue();
  }
  return moved;
}
