/**
 * Database upgrades, run inside the upgrade transaction: either every conversation is moved or,
 * on any failure, the upgrade aborts and the database stays at its old version exactly as it was.
 *
 * Version 1: each conversation one record, its messages and ledger inside.
 * Version 2: a metadata record (ledger inside, ordered message ids) plus one record per message.
 * Version 3: message records carry their parent (a chain for old data), the metadata names the
 *   shown leaf, and ledger lines move to a store of their own with the conversation's id inside.
 */
import type { IDBPTransaction } from "idb";
import type { ChatMessage, Conversation, LedgerEntry } from "@/lib/types";
import { withUniqueMessageIds } from "@/lib/message-ids";
import { linkChain } from "@/lib/chat/thread";
import { toStoredConversation, type StoredConversation, type StoredMessage } from "./stored-records";

// Literal names rather than imports from storage.ts, which imports this module.
const CONVERSATIONS = "conversations";
const MESSAGES = "messages";
const LEDGER = "ledger";

type UpgradeTx = IDBPTransaction<unknown, string[], "versionchange">;

/** A version-1 record: a Conversation, though anything may be missing from one that old. */
type V1Record = Omit<Conversation, "messages"> & { messages?: unknown };
/** A version-2 metadata record. */
type V2Meta = StoredConversation & { ledger?: LedgerEntry[] };

function putLedger(tx: UpgradeTx, convId: string, ledger: unknown) {
  if (!Array.isArray(ledger)) return;
  for (const e of ledger as LedgerEntry[]) {
    if (e && typeof e === "object" && typeof e.id === "string") tx.objectStore(LEDGER).put({ ...e, convId }).catch(() => {});
  }
}

/** Version 1 → 3, one conversation record at a time (a cursor, so a large history is never held
 *  in memory twice). Returns how many were moved. */
export async function migrateV1Conversations(tx: UpgradeTx): Promise<number> {
  const messages = tx.objectStore(MESSAGES);
  let moved = 0;
  let cursor = await tx.objectStore(CONVERSATIONS).openCursor();
  while (cursor) {
    const old = cursor.value as V1Record;
    const list = Array.isArray(old.messages) ? (old.messages as ChatMessage[]) : [];
    // Version 1 kept duplicate message ids (an imported file could carry them) without harm; keyed
    // records would overwrite one with the other, so such a message gets a fresh id instead.
    // A non-object entry was never a message (version 1 could not even load it), so it is not kept.
    const unique = withUniqueMessageIds({ ...old, ledger: [], messages: list.filter((m) => m && typeof m === "object") });
    const chain = linkChain(unique.messages);
    for (const m of chain) {
      // Queued, not awaited one by one: requests in one transaction run in order anyway, and a
      // failure aborts the transaction, which is what the caller watches.
      messages.put({ convId: unique.id, id: m.id, message: m } satisfies StoredMessage).catch(() => {});
    }
    putLedger(tx, unique.id, old.ledger);
    const leafId = chain.length ? chain[chain.length - 1].id : null;
    await cursor.update(toStoredConversation({ ...unique, messages: chain, leafId }));
    moved++;
    cursor = await cursor.continue();
  }
  return moved;
}

/**
 * Version 2 → 3: each conversation's listed messages become a chain in list order; a record the
 * list did not name was invisible in version 2 (left over by two tabs writing at once) and is
 * dropped, so the conversation means exactly what it showed before.
 */
export async function migrateV2Conversations(tx: UpgradeTx): Promise<number> {
  const store = tx.objectStore(MESSAGES);
  let moved = 0;
  let cursor = await tx.objectStore(CONVERSATIONS).openCursor();
  while (cursor) {
    const { ledger, ...meta } = cursor.value as V2Meta;
    const ids = Array.isArray(meta.messageIds) ? meta.messageIds : [];
    const parentOf = new Map<string, string | null>();
    ids.forEach((id, i) => {
      if (!parentOf.has(id)) parentOf.set(id, i === 0 ? null : ids[i - 1]);
    });
    let kept: string[] = [];
    let records = await store.openCursor(IDBKeyRange.bound([meta.id], [meta.id, []]));
    while (records) {
      const r = records.value as StoredMessage;
      if (parentOf.has(r.id)) {
        kept.push(r.id);
        records.update({ ...r, message: { ...r.message, parentId: parentOf.get(r.id) ?? null } }).catch(() => {});
      } else {
        records.delete().catch(() => {});
      }
      records = await records.continue();
    }
    // A listed id without a record was skipped by version 2's load: relink past it.
    const present = new Set(kept);
    kept = ids.filter((id) => present.has(id));
    if (kept.length !== ids.length) await relink(tx, meta.id, kept);
    putLedger(tx, meta.id, ledger);
    await cursor.update({ ...meta, messageIds: kept, leafId: kept.length ? kept[kept.length - 1] : null } satisfies StoredConversation);
    moved++;
    cursor = await cursor.continue();
  }
  return moved;
}

/** Sets each listed message's parent to the one listed before it. */
async function relink(tx: UpgradeTx, convId: string, ids: string[]) {
  const store = tx.objectStore(MESSAGES);
  for (let i = 0; i < ids.length; i++) {
    const r = (await store.get([convId, ids[i]])) as StoredMessage | undefined;
    if (r) store.put({ ...r, message: { ...r.message, parentId: i === 0 ? null : ids[i - 1] } }).catch(() => {});
  }
}
