import { describe, expect, it } from "vitest";
import { dayKey, groupTotals, totalUsage, totalsByDay } from "./ledger";
import { estimateCost, priceFor, type CostSettings } from "./pricing";
import type { LedgerEntry } from "./types";

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: Math.random().toString(36),
  at: new Date(2026, 10, 23, 12).getTime(),
  kind: "chat",
  model: "gpt-4o-mini",
  usage: { promptTokens: 1000, completionTokens: 500, estimated: false },
  cost: null,
  status: "done",
  ...over,
});

const usd: CostSettings = { currency: "USD", usdToCny: 7, multiplier: 1 };
const costWith = (settings: CostSettings) => (e: LedgerEntry) => estimateCost(e.usage, priceFor(e.model), settings);

describe("ledger totals", () => {
  const entries = [
    entry({ kind: "chat" }),
    entry({ kind: "title", usage: { promptTokens: 100, completionTokens: 10, estimated: true } }),
    entry({ kind: "regenerate", model: "some-unknown-model" }),
    entry({ kind: "chat", status: "interrupted", at: new Date(2026, 10, 22, 23, 59).getTime() }),
  ];

  it("adds tokens of every call and costs of the priced ones", () => {
    const t = totalUsage(entries, costWith(usd));
    expect(t.calls).toBe(4);
    expect(t.promptTokens).toBe(3100);
    expect(t.completionTokens).toBe(1510);
    expect(t.unpriced).toBe(1);
    expect(t.estimated).toBe(1);
    const mini = priceFor("gpt-4o-mini")!;
    const expected = ((2100 * mini.input + 1010 * mini.output) / 1e6);
    expect(t.cost).toBeCloseTo(expected, 12);
  });

  it("applies currency and relay multiplier to the totals", () => {
    const base = totalUsage(entries, costWith(usd)).cost!;
    const cny = totalUsage(entries, costWith({ currency: "CNY", usdToCny: 7, multiplier: 1.5 })).cost!;
    expect(cny).toBeCloseTo(base * 7 * 1.5, 12);
  });

  it("has no cost at all when nothing is priced", () => {
    expect(totalUsage([entry({ model: "mystery" })], costWith(usd)).cost).toBeNull();
  });

  it("groups by model and by local day, newest day first", () => {
    const byModel = groupTotals(entries, (e) => e.model, costWith(usd));
    expect(byModel.map(([k]) => k)).toEqual(["gpt-4o-mini", "some-unknown-model"]);
    expect(byModel[0][1].calls).toBe(3);
    const byDay = totalsByDay(entries, costWith(usd));
    expect(byDay.map(([k]) => k)).toEqual(["2026-11-23", "2026-11-22"]);
    expect(byDay[1][1].calls).toBe(1);
    expect(dayKey(new Date(2026, 0, 5, 0, 0).getTime())).toBe("2026-01-05");
  });
});
