/**
 * Ledger lines that belong to no conversation in the list: calls made outside a chat (a
 * connection test) and the cost history of conversations deleted for good. A conversation's own
 * lines live on the conversation (store/conversations.ts); both are stored in one ledger store.
 */
import { create } from "zustand";
import type { LedgerEntry } from "@/lib/types";

interface LedgerState {
  detached: LedgerEntry[];
  hydrate: (entries: LedgerEntry[]) => void;
  add: (entry: LedgerEntry) => void;
  /** Lines from a file or a purged conversation; a line already present (same id) is skipped. */
  importEntries: (entries: LedgerEntry[]) => void;
}

export const useLedger = create<LedgerState>((set) => ({
  detached: [],
  hydrate: (entries) => set({ detached: entries }),
  add: (entry) => set((s) => ({ detached: [...s.detached, entry] })),
  importEntries: (entries) =>
    set((s) => {
      const have = new Set(s.detached.map((e) => e.id));
      const added = entries.filter((e) => !have.has(e.id) && (have.add(e.id), true));
      return added.length ? { detached: [...s.detached, ...added].sort((a, b) => a.at - b.at) } : {};
    }),
}));
