/**
 * Ledger lines that belong to no conversation (connection tests, chats since deleted). In memory
 * for now; persistence is wired separately.
 */
import { create } from "zustand";
import type { LedgerEntry } from "@/lib/types";

interface LedgerState {
  detached: LedgerEntry[];
  /** Adds lines not already present (by id). */
  importEntries: (entries: LedgerEntry[]) => void;
}

export const useLedger = create<LedgerState>((set) => ({
  detached: [],
  importEntries: (entries) =>
    set((s) => {
      const have = new Set(s.detached.map((l) => l.id));
      const fresh = entries.filter((l) => !have.has(l.id));
      return fresh.length ? { detached: [...s.detached, ...fresh] } : {};
    }),
}));
