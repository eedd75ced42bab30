/**
 * IndexedDB persistence. Each conversation is its own record and is written only when its
 * object changed, at most once per second while it keeps changing, so a streamed token never
 * rewrites the whole store. Pending writes are flushed when the page is hidden or closed.
 */
import { openDB, type IDBPDatabase } from "idb";
import type { Conversation } from "@/lib/types";

const DB_NAME = "relaychat";
const DB_VERSION = 1;
const CONVERSATIONS = "conversations";
const KV = "kv";
export const SAVE_INTERVAL_MS = 1000;

export interface StoredState {
  conversations: Conversation[];
  settings: unknown;
  currentId: string | null;
  accessCode: string;
}

let dbPromise: Promise<IDBPDatabase> | null = null;

function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(database) {
      if (!database.objectStoreNames.contains(CONVERSATIONS)) database.createObjectStore(CONVERSATIONS, { keyPath: "id" });
      if (!database.objectStoreNames.contains(KV)) database.createObjectStore(KV);
    },
  });
  return dbPromise;
}

/** A message that was streaming when the page went away keeps its text, marked interrupted. */
export function reviveConversation(c: Conversation): Conversation {
  if (!c.messages.some((m) => m.status === "streaming")) return c;
  return {
    ...c,
    messages: c.messages.map((m) => (m.status === "streaming" ? { ...m, status: "interrupted" as const } : m)),
  };
}

export async function loadState(): Promise<StoredState> {
  const database = await db();
  const [conversations, settings, currentId, accessCode] = await Promise.all([
    database.getAll(CONVERSATIONS) as Promise<Conversation[]>,
    database.get(KV, "settings"),
    database.get(KV, "currentId"),
    database.get(KV, "accessCode"),
  ]);
  return {
    conversations: conversations.map(reviveConversation),
    settings: settings ?? null,
    currentId: typeof currentId === "string" ? currentId : null,
    accessCode: typeof accessCode === "string" ? accessCode : "",
  };
}

export async function putValue(key: string, value: unknown): Promise<void> {
  const database = await db();
  await database.put(KV, value, key);
}

export async function putConversations(list: Conversation[]): Promise<void> {
  if (list.length === 0) return;
  const database = await db();
  const tx = database.transaction(CONVERSATIONS, "readwrite");
  await Promise.all([...list.map((c) => tx.store.put(c)), tx.done]);
}

export async function deleteConversations(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const database = await db();
  const tx = database.transaction(CONVERSATIONS, "readwrite");
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

/** Collects changed conversations and writes them in throttled batches. */
export function createSaveScheduler(
  read: (id: string) => Conversation | undefined,
  onError: (err: unknown) => void,
  intervalMs = SAVE_INTERVAL_MS,
) {
  const dirty = new Set<string>();
  const removed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWrite = 0;

  async function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    lastWrite = Date.now();
    const ids = [...dirty];
    const gone = [...removed];
    dirty.clear();
    removed.clear();
    const list = ids.map(read).filter((c): c is Conversation => Boolean(c));
    try {
      await putConversations(list);
      await deleteConversations(gone);
    } catch (err) {
      onError(err);
    }
  }

  function schedule() {
    if (timer) return;
    const wait = Math.max(0, intervalMs - (Date.now() - lastWrite));
    timer = setTimeout(() => void flush(), wait);
  }

  return {
    changed(id: string) {
      removed.delete(id);
      dirty.add(id);
      schedule();
    },
    removed(id: string) {
      dirty.delete(id);
      removed.add(id);
      schedule();
    },
    flush,
    pending: () => dirty.size + removed.size,
  };
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? "";
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}
