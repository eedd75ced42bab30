/**
 * The unload journal. An IndexedDB transaction opened while a page hides or unloads is not
 * guaranteed to commit, so whatever the save scheduler has not committed yet is also written,
 * synchronously, to localStorage under this tab's key. The next start replays it into IndexedDB
 * before loading, then removes it; a commit that does land first removes it too.
 */
import type { SaveBatch } from "./storage";
import { safeLocalStorage } from "./safe-local-storage";

const PREFIX = "relaychat-journal:";
/** The database version whose layout the batches use; a newer journal is left for a newer app. */
export const JOURNAL_VERSION = 3;

export interface Journal {
  v: number;
  tab: string;
  at: number;
  batches: SaveBatch[];
}

type KeyValue = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** Writes this tab's journal; false when it could not be kept (storage full or blocked). */
export function writeJournal(tab: string, batches: SaveBatch[], store: KeyValue | null = safeLocalStorage()): boolean {
  if (!store) return false;
  if (batches.length === 0) {
    clearJournal(tab, store);
    return true;
  }
  const journal: Journal = { v: JOURNAL_VERSION, tab, at: Date.now(), batches };
  try {
    store.setItem(PREFIX + tab, JSON.stringify(journal));
    return true;
  } catch {
    return false;
  }
}

export function clearJournal(tab: string, store: KeyValue | null = safeLocalStorage()): void {
  try {
    store?.removeItem(PREFIX + tab);
  } catch {
    /* nothing to do */
  }
}

/** Every journal left by a tab, oldest first; unreadable ones are removed (they hold nothing usable). */
export function readJournals(store: KeyValue | null = safeLocalStorage()): Journal[] {
  if (!store) return [];
  const found: Journal[] = [];
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    try {
      const j = JSON.parse(store.getItem(key) ?? "") as Journal;
      if (j && typeof j.tab === "string" && Array.isArray(j.batches) && typeof j.v === "number") found.push(j);
      else store.removeItem(key);
    } catch {
      store.removeItem(key);
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const SETTINGS_KEY = "relaychat-journal-settings";

/** Settings changed just before the page went away: kept synchronously like the batches. */
export function writeSettingsJournal(settings: unknown, store: KeyValue | null = safeLocalStorage()): void {
  try {
    store?.setItem(SETTINGS_KEY, JSON.stringify({ at: Date.now(), settings }));
  } catch {
    /* full or blocked: the IndexedDB write may still land */
  }
}

/** The settings a page left in its journal, or undefined; removed once read. */
export function takeSettingsJournal(store: KeyValue | null = safeLocalStorage()): unknown {
  try {
    const raw = store?.getItem(SETTINGS_KEY);
    if (!raw) return undefined;
    store?.removeItem(SETTINGS_KEY);
    return (JSON.parse(raw) as { settings?: unknown }).settings;
  } catch {
    return undefined;
  }
}

export function clearSettingsJournal(store: KeyValue | null = safeLocalStorage()): void {
  try {
    store?.removeItem(SETTINGS_KEY);
  } catch {
    /* nothing to do */
  }
}
