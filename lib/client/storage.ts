/**
 * IndexedDB persistence. Since version 2 a conversation is a metadata record (with the ordered
 * ids of its messages) plus one record per message (see stored-records.ts), so a save writes only
 * the messages that changed: while an answer streams, one message, however long the conversation.
 * save-scheduler.ts decides what to write and when; this module opens, migrates, loads and writes.
 */
import { openDB, type IDBPDatabase } from "idb";
import type { ChatMessage, Conversation } from "@/lib/types";
import { assembleConversation, type ConversationWrite, type StoredConversation, type StoredMessage } from "./stored-records";
import { migrateV1Conversations } from "./storage-migrate";

export const DB_NAME = "relaychat";
export const DB_VERSION = 2;
/** Version 1: whole conversations. Version 2: StoredConversation (metadata and message ids). */
export const CONVERSATIONS = "conversations";
/** Version 2: StoredMessage, keyed by [convId, id]. */
export const MESSAGES = "messages";
const KV = "kv";

export interface StoredState {
  conversations: Conversation[];
  settings: unknown;
  currentId: string | null;
  accessCode: string;
}

/** One flush: every conversation's changes and every removed conversation, written together. */
export interface SaveBatch {
  writes: Array<{ id: string } & ConversationWrite>;
  removed: string[];
}

let dbPromise: Promise<IDBPDatabase> | null = null;
/**
 * An open that failed (a migration that could not finish, private mode, a broken profile) is not
 * retried on every save for the rest of the session: that would re-run the whole migration once a
 * second while an answer streams. A reload tries again.
 */
let openFailure: unknown = null;

function db(onBlocked?: () => void): Promise<IDBPDatabase> {
  if (openFailure !== null) return Promise.reject(openFailure);
  dbPromise ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      if (!database.objectStoreNames.contains(CONVERSATIONS)) database.createObjectStore(CONVERSATIONS, { keyPath: "id" });
      if (!database.objectStoreNames.contains(KV)) database.createObjectStore(KV);
      if (!database.objectStoreNames.contains(MESSAGES)) database.createObjectStore(MESSAGES, { keyPath: ["convId", "id"] });
      if (oldVersion === 1) {
        // If the move fails, abort the upgrade: the database stays at version 1 with every record
        // as it was (the open fails and the app says so), rather than half moved.
        migrateV1Conversations(tx).catch(() => {
          // The open reports the failure; the upgrade transaction's own rejection adds nothing.
          tx.done.catch(() => {});
          try {
            tx.abort();
          } catch {
            /* already aborted by the failing request */
          }
        });
      }
    },
    blocked() {
      // Another tab still holds an older version open (version 1 never closes for an upgrade):
      // the open waits until that tab closes or reloads, and the user should know why.
      onBlocked?.();
    },
    blocking() {
      // A newer version of the app opened in another tab wants to upgrade: let it, instead of
      // leaving it waiting until this tab is closed. This tab's next write reopens and fails
      // loudly (its version is now too old) rather than writing the old layout.
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  }).catch((err) => {
    dbPromise = null;
    openFailure = err;
    throw err;
  });
  return dbPromise;
}

/** Tests only: forget the open connection (e.g. before deleting or recreating the database). */
export async function closeForTests(): Promise<void> {
  const open = dbPromise;
  dbPromise = null;
  openFailure = null;
  if (open) (await open.catch(() => null))?.close();
}

/** A message that was streaming when the page went away keeps its text, marked interrupted. */
export function reviveConversation(c: Conversation): Conversation {
  if (!c.messages.some((m) => m.status === "streaming")) return c;
  return {
    ...c,
    messages: c.messages.map((m) => (m.status === "streaming" ? { ...m, status: "interrupted" as const } : m)),
  };
}

/** `onBlocked`: the upgrade waits for another tab to close; the load resolves once it has. */
export async function loadState(onBlocked?: () => void): Promise<StoredState> {
  const database = await db(onBlocked);
  // One read transaction: the metadata and the messages come from the same committed state.
  const tx = database.transaction([CONVERSATIONS, MESSAGES, KV], "readonly");
  const kv = tx.objectStore(KV);
  const [metas, records, settings, currentId, accessCode] = await Promise.all([
    tx.objectStore(CONVERSATIONS).getAll() as Promise<StoredConversation[]>,
    tx.objectStore(MESSAGES).getAll() as Promise<StoredMessage[]>,
    kv.get("settings"),
    kv.get("currentId"),
    kv.get("accessCode"),
  ]);
  const byConversation = new Map<string, Map<string, ChatMessage>>();
  for (const r of records) {
    let messages = byConversation.get(r.convId);
    if (!messages) byConversation.set(r.convId, (messages = new Map()));
    messages.set(r.id, r.message);
  }
  return {
    conversations: metas.map((meta) => reviveConversation(assembleConversation(meta, byConversation.get(meta.id)))),
    settings: settings ?? null,
    currentId: typeof currentId === "string" ? currentId : null,
    accessCode: typeof accessCode === "string" ? accessCode : "",
  };
}

export async function putValue(key: string, value: unknown): Promise<void> {
  const database = await db();
  await database.put(KV, value, key);
}

/** Every message record of one conversation: [id] sorts before [id, anything], [] after any string. */
export function messagesOf(convId: string): IDBKeyRange {
  return IDBKeyRange.bound([convId], [convId, []]);
}

/**
 * Writes one flush in a single transaction, so a conversation's metadata (its message order) and
 * its messages are committed together or not at all.
 */
export async function writeBatch(batch: SaveBatch): Promise<void> {
  if (batch.writes.length === 0 && batch.removed.length === 0) return;
  const database = await db();
  const tx = database.transaction([CONVERSATIONS, MESSAGES], "readwrite");
  const conversations = tx.objectStore(CONVERSATIONS);
  const messages = tx.objectStore(MESSAGES);
  const requests: Promise<unknown>[] = [];
  try {
    for (const id of batch.removed) requests.push(conversations.delete(id), messages.delete(messagesOf(id)));
    for (const w of batch.writes) {
      for (const id of w.del) requests.push(messages.delete([w.id, id]));
      for (const m of w.put) requests.push(messages.put({ convId: w.id, id: m.id, message: m } satisfies StoredMessage));
      if (w.meta) requests.push(conversations.put(w.meta));
    }
  } catch (err) {
    // put throws synchronously on a value it cannot clone: without an abort, the requests
    // already made would commit alone and leave the conversation half written.
    tx.abort();
    tx.done.catch(() => {});
    throw err;
  } finally {
    // A failing request aborts the transaction; tx.done then rejects with the cause (a quota error
    // above all), which is what the caller reports. The requests' own rejections add nothing.
    for (const r of requests) r.catch(() => {});
  }
  await tx.done;
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? "";
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}
