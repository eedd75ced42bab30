/**
 * IndexedDB persistence (layout: stored-records.ts; upgrades: storage-migrate.ts). A conversation
 * is a metadata record plus one record per message, so a save writes only the messages that
 * changed; ledger lines and saved prompts have stores of their own. save-scheduler.ts decides what
 * to write and when; this module opens, loads and writes.
 *
 * A database written by a newer version of the app is never written by this one: the open fails
 * with a VersionError, the data is read as it is, and the app runs read-only (ReadOnlyError).
 */
import { openDB, type IDBPDatabase, type IDBPObjectStore } from "idb";
import type { ChatMessage, Conversation, LedgerEntry, SavedPrompt } from "@/lib/types";
import { assembleConversation, mergeMessageIds, type ConversationWrite, type StoredConversation, type StoredMessage } from "./stored-records";
import { migrateV1Conversations, migrateV2Conversations } from "./storage-migrate";

export const DB_NAME = "relaychat";
export const DB_VERSION = 3;
export const CONVERSATIONS = "conversations";
export const MESSAGES = "messages";
export const LEDGER = "ledger";
export const PROMPTS = "prompts";
/** Image blobs by id (format 3 defines it; messages refer to images by id). */
export const IMAGES = "images";
const KV = "kv";

export interface StoredState {
  /** Live and trashed conversations (trashed ones carry deletedAt). */
  conversations: Conversation[];
  /** Ledger lines of no stored conversation: calls outside a chat, and chats deleted for good. */
  looseLedger: LedgerEntry[];
  prompts: SavedPrompt[];
  settings: unknown;
  currentId: string | null;
  accessCode: string;
  /** Set when the data was written by a newer version: shown, never written. */
  newerVersion: number | null;
}

/** One flush: every conversation's changes and every removed conversation, written together. */
export interface SaveBatch {
  writes: Array<{ id: string } & ConversationWrite>;
  removed: string[];
  /** Ledger lines that belong to no conversation. */
  ledger?: LedgerEntry[];
}

/** Thrown by every write once the database turned out to belong to a newer version of the app. */
export class ReadOnlyError extends Error {
  constructor(readonly version: number) {
    super(`The stored data was written by a newer version of the app (database version ${version}); this page does not change it.`);
    this.name = "ReadOnlyError";
  }
}

let dbPromise: Promise<IDBPDatabase> | null = null;
/**
 * An open that failed (a migration that could not finish, private mode, a broken profile) is not
 * retried on every save for the rest of the session: that would re-run the whole migration once a
 * second while an answer streams. A reload tries again.
 */
let openFailure: unknown = null;
let readOnlyVersion: number | null = null;

export function isReadOnly(): number | null {
  return readOnlyVersion;
}

/** The open database (opened on first use); for the modules that keep other stores (storage-images.ts). */
export function db(onBlocked?: () => void): Promise<IDBPDatabase> {
  if (readOnlyVersion !== null) return Promise.reject(new ReadOnlyError(readOnlyVersion));
  if (openFailure !== null) return Promise.reject(openFailure);
  dbPromise ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      const has = (name: string) => database.objectStoreNames.contains(name);
      if (!has(CONVERSATIONS)) database.createObjectStore(CONVERSATIONS, { keyPath: "id" });
      if (!has(KV)) database.createObjectStore(KV);
      if (!has(MESSAGES)) database.createObjectStore(MESSAGES, { keyPath: ["convId", "id"] });
      if (!has(LEDGER)) database.createObjectStore(LEDGER, { keyPath: "id" }).createIndex("convId", "convId");
      if (!has(PROMPTS)) database.createObjectStore(PROMPTS, { keyPath: "id" });
      if (!has(IMAGES)) database.createObjectStore(IMAGES, { keyPath: "id" });
      const migration = oldVersion === 1 ? migrateV1Conversations(tx) : oldVersion === 2 ? migrateV2Conversations(tx) : null;
      // If a move fails, abort the upgrade: the database stays at its old version with every
      // record as it was (the open fails and the app says so), rather than half moved.
      migration?.catch(() => {
        tx.done.catch(() => {});
        try {
          tx.abort();
        } catch {
          /* already aborted by the failing request */
        }
      });
    },
    blocked() {
      // Another tab still holds an older version open: the open waits until that tab closes or
      // reloads, and the user should know why.
      onBlocked?.();
    },
    blocking() {
      // A newer version of the app opened in another tab wants to upgrade: let it. This tab's next
      // write reopens, meets the newer version and turns read-only instead of writing the old layout.
      void dbPromise?.then((d) => d.close());
      dbPromise = null;
    },
  }).catch(async (err) => {
    dbPromise = null;
    const newer = (err as Error)?.name === "VersionError" ? await currentVersion() : null;
    if (newer !== null && newer > DB_VERSION) {
      readOnlyVersion = newer;
      throw new ReadOnlyError(newer);
    }
    openFailure = err;
    throw err;
  });
  return dbPromise;
}

async function currentVersion(): Promise<number | null> {
  try {
    const d = await openDB(DB_NAME);
    const v = d.version;
    d.close();
    return v;
  } catch {
    return null;
  }
}

/** Tests only: forget the open connection (e.g. before deleting or recreating the database). */
export async function closeForTests(): Promise<void> {
  const open = dbPromise;
  dbPromise = null;
  openFailure = null;
  readOnlyVersion = null;
  if (open) (await open.catch(() => null))?.close();
}

/** `onBlocked`: the upgrade waits for another tab to close; the load resolves once it has. */
export async function loadState(onBlocked?: () => void): Promise<StoredState> {
  let database: IDBPDatabase;
  let newerVersion: number | null = null;
  try {
    database = await db(onBlocked);
  } catch (err) {
    if (!(err instanceof ReadOnlyError)) throw err;
    // Read what a newer version wrote, as far as its stores are the ones this version knows.
    newerVersion = err.version;
    database = await openDB(DB_NAME);
  }
  try {
    return { ...(await readAll(database)), newerVersion };
  } finally {
    if (newerVersion !== null) database.close();
  }
}

async function readAll(database: IDBPDatabase): Promise<Omit<StoredState, "newerVersion">> {
  const known = [CONVERSATIONS, MESSAGES, KV, LEDGER, PROMPTS].filter((n) => database.objectStoreNames.contains(n));
  // One read transaction: metadata, messages and ledger come from the same committed state.
  const tx = database.transaction(known, "readonly");
  const all = <T>(name: string) => (known.includes(name) ? (tx.objectStore(name).getAll() as Promise<T[]>) : Promise.resolve([] as T[]));
  const kv = (key: string) => (known.includes(KV) ? tx.objectStore(KV).get(key) : Promise.resolve(undefined));
  const [metas, records, ledger, prompts, settings, currentId, accessCode] = await Promise.all([
    all<StoredConversation>(CONVERSATIONS),
    all<StoredMessage>(MESSAGES),
    all<LedgerEntry>(LEDGER),
    all<SavedPrompt>(PROMPTS),
    kv("settings"),
    kv("currentId"),
    kv("accessCode"),
  ]);
  const byConversation = new Map<string, Map<string, ChatMessage>>();
  for (const r of records) {
    let messages = byConversation.get(r.convId);
    if (!messages) byConversation.set(r.convId, (messages = new Map()));
    messages.set(r.id, r.message);
  }
  const ledgerOf = new Map<string, LedgerEntry[]>();
  const looseLedger: LedgerEntry[] = [];
  const ids = new Set(metas.map((m) => m.id));
  for (const e of ledger.sort((a, b) => a.at - b.at)) {
    if (e.convId && ids.has(e.convId)) {
      const list = ledgerOf.get(e.convId);
      if (list) list.push(e);
      else ledgerOf.set(e.convId, [e]);
    } else looseLedger.push(e);
  }
  return {
    conversations: metas.map((meta) => assembleConversation(meta, byConversation.get(meta.id), ledgerOf.get(meta.id))),
    looseLedger,
    prompts,
    settings: settings ?? null,
    currentId: typeof currentId === "string" ? currentId : null,
    accessCode: typeof accessCode === "string" ? accessCode : "",
  };
}

/** One conversation as stored now (another tab may have written it), or undefined. */
export async function readConversation(id: string): Promise<Conversation | undefined> {
  const database = await db();
  const tx = database.transaction([CONVERSATIONS, MESSAGES, LEDGER], "readonly");
  const [meta, records, ledger] = await Promise.all([
    tx.objectStore(CONVERSATIONS).get(id) as Promise<StoredConversation | undefined>,
    tx.objectStore(MESSAGES).getAll(messagesOf(id)) as Promise<StoredMessage[]>,
    tx.objectStore(LEDGER).index("convId").getAll(id) as Promise<LedgerEntry[]>,
  ]);
  if (!meta) return undefined;
  return assembleConversation(meta, new Map(records.map((r) => [r.id, r.message])), ledger.sort((a, b) => a.at - b.at));
}

export async function putValue(key: string, value: unknown): Promise<void> {
  const database = await db();
  await database.put(KV, value, key);
}

export async function putPrompts(put: SavedPrompt[], del: string[] = []): Promise<void> {
  const database = await db();
  const tx = database.transaction(PROMPTS, "readwrite");
  for (const p of put) void tx.store.put(p).catch(() => {});
  for (const id of del) void tx.store.delete(id).catch(() => {});
  await tx.done;
}

/** Every message record of one conversation: [id] sorts before [id, anything], [] after any string. */
export function messagesOf(convId: string): IDBKeyRange {
  return IDBKeyRange.bound([convId], [convId, []]);
}

/**
 * Writes one flush in a single transaction, so a conversation's metadata (its message order), its
 * messages and its new ledger lines are committed together or not at all. The stored order is
 * re-read in the same transaction and merged, so a message another tab added is never dropped.
 * A removed conversation loses its records; its ledger lines stay (the cost history).
 */
export async function writeBatch(batch: SaveBatch): Promise<void> {
  if (batch.writes.length === 0 && batch.removed.length === 0 && !batch.ledger?.length) return;
  const database = await db();
  // Deleting messages deletes their images too, in the same transaction: only then is the images
  // store in it (an image write must not hold up the saves of a streaming answer).
  const deletes = batch.removed.length > 0 || batch.writes.some((w) => w.del.length > 0);
  const tx = database.transaction(deletes ? [CONVERSATIONS, MESSAGES, LEDGER, IMAGES] : [CONVERSATIONS, MESSAGES, LEDGER], "readwrite");
  const conversations = tx.objectStore(CONVERSATIONS);
  const messages = tx.objectStore(MESSAGES);
  const ledger = tx.objectStore(LEDGER);
  const requests: Promise<unknown>[] = [];
  // Read before the delete is queued (requests run in order), then drop the images the records name.
  const dropImages = (records: Promise<StoredMessage | StoredMessage[] | undefined>) =>
    records.then((r) => Promise.all([r ?? []].flat().flatMap((m) => (m.message.images ?? []).map((img) => tx.objectStore(IMAGES).delete(img.id)))));
  try {
    for (const id of batch.removed) requests.push(dropImages(messages.getAll(messagesOf(id))), conversations.delete(id), messages.delete(messagesOf(id)));
    for (const w of batch.writes) {
      for (const id of w.del) requests.push(dropImages(messages.get([w.id, id])), messages.delete([w.id, id]));
      for (const m of w.put) requests.push(messages.put({ convId: w.id, id: m.id, message: m } satisfies StoredMessage));
      for (const e of w.ledger) requests.push(ledger.put(e));
      if (w.meta) requests.push(putMergedMeta(conversations, w.meta, new Set(w.del)));
    }
    for (const e of batch.ledger ?? []) requests.push(ledger.put(e));
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

type ConversationStore = IDBPObjectStore<unknown, string[], "conversations", "readwrite">;

async function putMergedMeta(store: ConversationStore, meta: StoredConversation, deleted: Set<string>): Promise<unknown> {
  const stored = (await store.get(meta.id)) as StoredConversation | undefined;
  const messageIds = mergeMessageIds(meta.messageIds, stored?.messageIds, deleted);
  return store.put(messageIds === meta.messageIds ? meta : { ...meta, messageIds });
}

export { isQuotaError } from "./quota-error";
