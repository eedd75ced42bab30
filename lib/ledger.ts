/**
 * Sums over ledger lines (every billed call): per conversation, by model and by day.
 * Costs are computed by the caller from tokens with the current prices, so editing a price, the
 * currency or the relay multiplier updates every total at once.
 */
import type { LedgerEntry } from "./types";

export interface UsageTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Sum of the priced calls; null when none of them has a price. */
  cost: number | null;
  /** Calls without a known price (their tokens count, their cost does not). */
  unpriced: number;
  /** Calls whose tokens were counted locally because the upstream sent no usage. */
  estimated: number;
}

export type CostOf = (entry: LedgerEntry) => number | null;

export function emptyTotals(): UsageTotals {
  return { calls: 0, promptTokens: 0, completionTokens: 0, cost: null, unpriced: 0, estimated: 0 };
}

export function addEntry(t: UsageTotals, e: LedgerEntry, costOf: CostOf): UsageTotals {
  const cost = costOf(e);
  return {
    calls: t.calls + 1,
    promptTokens: t.promptTokens + e.usage.promptTokens,
    completionTokens: t.completionTokens + e.usage.completionTokens,
    cost: cost === null ? t.cost : (t.cost ?? 0) + cost,
    unpriced: t.unpriced + (cost === null ? 1 : 0),
    estimated: t.estimated + (e.usage.estimated ? 1 : 0),
  };
}

export function totalUsage(entries: readonly LedgerEntry[], costOf: CostOf): UsageTotals {
  return entries.reduce((t, e) => addEntry(t, e, costOf), emptyTotals());
}

/** Local calendar day of a timestamp, as YYYY-MM-DD. */
export function dayKey(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Totals grouped by a key (model, day...), largest cost first, then most tokens. */
export function groupTotals(entries: readonly LedgerEntry[], keyOf: (e: LedgerEntry) => string, costOf: CostOf): Array<[string, UsageTotals]> {
  const groups = new Map<string, UsageTotals>();
  for (const e of entries) {
    const key = keyOf(e);
    groups.set(key, addEntry(groups.get(key) ?? emptyTotals(), e, costOf));
  }
  return [...groups.entries()].sort(
    (a, b) => (b[1].cost ?? -1) - (a[1].cost ?? -1) || b[1].promptTokens + b[1].completionTokens - (a[1].promptTokens + a[1].completionTokens),
  );
}

/** By day, newest first. */
export function totalsByDay(entries: readonly LedgerEntry[], costOf: CostOf): Array<[string, UsageTotals]> {
  return groupTotals(entries, (e) => dayKey(e.at), costOf).sort((a, b) => (a[0] < b[0] ? 1 : -1));
}
