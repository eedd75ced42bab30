/**
 * Decides what to write to IndexedDB and when. Changed conversations are collected and written at
 * most once per interval; each flush compares every changed conversation with the version last
 * written (by object identity: store updates are immutable) and writes only the messages that
 * differ, plus the metadata record when it or the message order changed — all in one transaction.
 */
import type { Conversation } from "@/lib/types";
import { isEmptyWrite, planWrite } from "./stored-records";
import { writeBatch, type SaveBatch } from "./storage";

export const SAVE_INTERVAL_MS = 1000;

export interface SaveSchedulerOptions {
  intervalMs?: number;
  /** What the database already holds (the conversations just loaded), so the first save of each
   *  writes only what changed since. */
  saved?: Conversation[];
  /** The writer; storage.writeBatch unless a test replaces it. */
  write?: (batch: SaveBatch) => Promise<void>;
}

export function createSaveScheduler(
  read: (id: string) => Conversation | undefined,
  onError: (err: unknown) => void,
  { intervalMs = SAVE_INTERVAL_MS, saved: initial = [], write = writeBatch }: SaveSchedulerOptions = {},
) {
  const dirty = new Set<string>();
  const removed = new Set<string>();
  /** The last version of each conversation known to be committed. */
  const saved = new Map(initial.map((c) => [c.id, c]));
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
    const batch: SaveBatch = { writes: [], removed: gone };
    const written: Conversation[] = [];
    for (const id of ids) {
      const next = read(id);
      if (!next) continue;
      const w = planWrite(saved.get(id), next);
      written.push(next);
      if (!isEmptyWrite(w)) batch.writes.push({ id, ...w });
    }
    if (batch.writes.length === 0 && gone.length === 0) return;
    try {
      await write(batch);
      // Only a committed write moves the baseline: the next diff then starts from what is stored.
      // Transactions over the same stores commit in the order they were opened, so an earlier
      // flush finishing here never overwrites the baseline of a later one that already finished.
      for (const c of written) saved.set(c.id, c);
      for (const id of gone) saved.delete(id);
    } catch (err) {
      // Nothing of this flush was stored. Keep its work for the next flush (diffed against the
      // unchanged baseline) instead of retrying on a timer, which would repeat a quota notice
      // every second; the next change of any conversation writes it.
      for (const id of ids) if (!removed.has(id)) dirty.add(id);
      for (const id of gone) if (!dirty.has(id)) removed.add(id);
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
