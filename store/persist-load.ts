/**
 * The start of persistence: replay what a tab that went away could not commit (its unload
 * journal), load, close the streams whose tab is gone, and empty the trash of what is too old.
 */
import { readJournals, clearJournal, JOURNAL_VERSION, takeSettingsJournal } from "@/lib/client/journal";
import { reviveConversation } from "@/lib/client/revive";
import { loadState, putValue, ReadOnlyError, writeBatch, type StoredState } from "@/lib/client/storage";
import { liveLocks } from "@/lib/client/tab-sync";
import type { Conversation, LedgerEntry } from "@/lib/types";
import { TRASH_DAYS } from "./conversations";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InitialState extends StoredState {
  /** Conversations as the database holds them now: the save scheduler's baseline. */
  stored: Conversation[];
  /** Trashed conversations past TRASH_DAYS: to remove, their ledger lines kept as loose lines. */
  expired: Conversation[];
  /** A journal could not be replayed (the disk is full): it stays for the next start. */
  journalError: unknown;
}

/**
 * Replays every journal, oldest first. A journal is also replayed when its tab still looks alive:
 * on a reload the old page's locks can outlive it for a moment, and a live tab keeps its journal
 * no older than what it committed, so replaying it writes nothing stale.
 */
async function replayJournals(): Promise<unknown> {
  const settings = takeSettingsJournal();
  if (settings !== undefined) await putValue("settings", settings).catch(() => undefined);
  for (const j of readJournals()) {
    if (j.v > JOURNAL_VERSION) continue;
    try {
      for (const batch of j.batches) await writeBatch(batch);
      clearJournal(j.tab);
    } catch (err) {
      if (err instanceof ReadOnlyError) return null;
      return err;
    }
  }
  return null;
}

export async function loadInitialState(onBlocked: () => void): Promise<InitialState> {
  // Opening first (through the load) would show the blocked notice for the right reason; the
  // replay writes through the same connection.
  const journalError = await replayJournals();
  const state = await loadState(onBlocked);
  const { runs } = await liveLocks();
  const now = Date.now();
  const conversations: Conversation[] = [];
  const expired: Conversation[] = [];
  for (const c of state.conversations) {
    if (c.deletedAt && now - c.deletedAt > TRASH_DAYS * DAY_MS) expired.push(c);
    else conversations.push(reviveConversation(c, runs));
  }
  return { ...state, conversations, stored: state.conversations, expired, journalError };
}

/** A conversation's ledger lines as loose lines, saying which chat they came from. */
export function detachLedger(c: Conversation): LedgerEntry[] {
  return c.ledger.map((e) => ({ ...e, convId: c.id, convTitle: c.title }));
}
