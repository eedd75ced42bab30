/**
 * Decides what to write to IndexedDB and when. Text streaming into an answer is batched and
 * written at most once per interval; every other change (a send, an edit, a delete, a status
 * change, a ledger line) is `urgent` and written at once, in the next microtask. Each flush
 * compares every changed conversation with the version last written (by object identity: store
 * updates are immutable) and writes only the messages that differ, all in one transaction.
 *
 * A failed flush keeps its work and is retried on a timer (a full disk may get space back when the
 * user deletes or exports), and on the next change; a read-only database (written by a newer
 * version) stops all writes for good.
 */
import type { Conversation, LedgerEntry } from "@/lib/types";
import { isEmptyWrite, planWrite } from "./stored-records";
import { ReadOnlyError, writeBatch, type SaveBatch } from "./storage";

export const SAVE_INTERVAL_MS = 1000;
export const RETRY_MS = 5000;

export interface SaveSchedulerOptions {
  intervalMs?: number;
  retryMs?: number;
  /** What the database already holds (the conversations just loaded), so the first save of each
   *  writes only what changed since. */
  saved?: Conversation[];
  /** The writer; storage.writeBatch unless a test replaces it. */
  write?: (batch: SaveBatch) => Promise<void>;
  /** After each committed flush: the conversations it wrote or removed (to tell other tabs). */
  onCommitted?: (ids: string[]) => void;
}

export function createSaveScheduler(
  read: (id: string) => Conversation | undefined,
  onError: (err: unknown) => void,
  { intervalMs = SAVE_INTERVAL_MS, retryMs = RETRY_MS, saved: initial = [], write = writeBatch, onCommitted }: SaveSchedulerOptions = {},
) {
  const dirty = new Set<string>();
  const removed = new Set<string>();
  const looseLedger: LedgerEntry[] = [];
  /** The last version of each conversation known to be committed. */
  const saved = new Map(initial.map((c) => [c.id, c]));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let urgentQueued = false;
  let lastWrite = 0;
  let failing = false;
  let stopped: ReadOnlyError | null = null;
  /** Flushes whose transaction has not committed yet: lost if the page dies now. */
  const inflight = new Set<SaveBatch>();

  /** What a flush now would write, without taking it: also what the unload journal keeps. */
  function plan(): { batch: SaveBatch; written: Conversation[] } {
    const batch: SaveBatch = { writes: [], removed: [...removed], ledger: looseLedger.slice() };
    const written: Conversation[] = [];
    for (const id of dirty) {
      const next = read(id);
      if (!next) continue;
      const w = planWrite(saved.get(id), next);
      written.push(next);
      if (!isEmptyWrite(w)) batch.writes.push({ id, ...w });
    }
    return { batch, written };
  }

  async function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    lastWrite = Date.now();
    const { batch, written } = plan();
    const ids = [...dirty];
    const ledgerCount = looseLedger.length;
    dirty.clear();
    removed.clear();
    looseLedger.length = 0;
    if (batch.writes.length === 0 && batch.removed.length === 0 && ledgerCount === 0) return;
    inflight.add(batch);
    try {
      await write(batch);
      inflight.delete(batch);
      failing = false;
      // Only a committed write moves the baseline: the next diff then starts from what is stored.
      // Transactions over the same stores commit in the order they were opened, so an earlier
      // flush finishing here never overwrites the baseline of a later one that already finished.
      for (const c of written) saved.set(c.id, c);
      for (const id of batch.removed) saved.delete(id);
      onCommitted?.([...batch.writes.map((w) => w.id), ...batch.removed]);
    } catch (err) {
      inflight.delete(batch);
      // Nothing of this flush was stored: keep its work, diffed against the unchanged baseline.
      for (const id of ids) if (!removed.has(id)) dirty.add(id);
      for (const id of batch.removed) if (!dirty.has(id)) removed.add(id);
      looseLedger.unshift(...(batch.ledger ?? []));
      if (err instanceof ReadOnlyError) stopped = err;
      // One report per run of failures, not one per retry.
      if (!failing || stopped) onError(err);
      failing = true;
      if (!stopped) schedule(retryMs);
    }
  }

  function schedule(minWait = 0) {
    if (timer || stopped) return;
    const wait = Math.max(minWait, intervalMs - (Date.now() - lastWrite));
    timer = setTimeout(() => void flush(), wait);
  }

  function flushSoon() {
    if (urgentQueued || stopped) return;
    urgentQueued = true;
    // A microtask, so the several store updates of one action are written together.
    queueMicrotask(() => {
      urgentQueued = false;
      void flush();
    });
  }

  return {
    /** `urgent`: written at once; otherwise (streamed text) within the interval. */
    changed(id: string, urgent = false) {
      removed.delete(id);
      dirty.add(id);
      if (urgent) flushSoon();
      else schedule();
    },
    removed(id: string) {
      dirty.delete(id);
      removed.add(id);
      flushSoon();
    },
    /** A ledger line that belongs to no conversation; written at once. */
    addLooseLedger(entry: LedgerEntry) {
      looseLedger.push(entry);
      flushSoon();
    },
    /** Another tab wrote this conversation: its stored version is the new baseline. */
    setSaved(c: Conversation) {
      saved.set(c.id, c);
    },
    isDirty: (id: string) => dirty.has(id) || removed.has(id),
    flush,
    /** The writes not yet committed, oldest first (for the unload journal); none when all is stored. */
    uncommitted: (): SaveBatch[] => [...inflight, plan().batch].filter((b) => b.writes.length || b.removed.length || b.ledger?.length),
    pending: () => dirty.size + removed.size + looseLedger.length,
    readOnly: () => stopped,
  };
}
