"use client";
import type { LedgerEntry } from "@/lib/types";
import type { UsageTotals } from "@/lib/ledger";
import { answeringModel } from "@/lib/chat/answer-info";
import { formatCallTime, formatDuration } from "@/lib/ledger-format";
import { useCostOf } from "@/store/cost";
import { useLang, useT } from "@/store/language";
import { useMoney } from "./use-money";

/** The test hooks of a ledger line, the same on the table's row and on a phone's stacked row. */
export function entryData(e: LedgerEntry) {
  return {
    "data-testid": "ledger-entry",
    "data-kind": e.kind,
    "data-status": e.status,
    "data-prompt-tokens": e.usage.promptTokens,
    "data-completion-tokens": e.usage.completionTokens,
    "data-estimated": e.usage.estimated ? "true" : "false",
  };
}

/**
 * The texts of one billed call, shared by the wide table and the phone's rows so both show the
 * same figures to the last digit.
 */
export function useCallText() {
  const t = useT();
  const lang = useLang();
  const costOf = useCostOf();
  const money = useMoney();
  const fmt = (n: number) => n.toLocaleString(lang);
  return (e: LedgerEntry) => {
    // Priced by the model asked for (what the price table knows); the answering one is named beside it.
    const { shown, asked } = answeringModel(e.model, e.answeredBy);
    // "~": counted locally because the upstream sent no usage (explained under the list).
    const estimated = e.usage.estimated ? "~" : "";
    return {
      time: formatCallTime(e.at, lang),
      kind: t(`ledger.kind.${e.kind}`),
      status: e.status === "done" ? null : t(`ledger.status.${e.status}`),
      model: asked ? t("usage.answeredAsked", { answered: shown, asked }) : shown,
      promptTokens: `${estimated}${fmt(e.usage.promptTokens)}`,
      completionTokens: fmt(e.usage.completionTokens),
      cost: money(costOf(e.model, e.usage)),
      ttft: formatDuration(e.ttftMs),
      duration: formatDuration(e.durationMs),
    };
  };
}

/** The texts of a total (a conversation's, or all of them), shared by the table and the phone's rows. */
export function useTotalText() {
  const t = useT();
  const lang = useLang();
  const money = useMoney();
  return (totals: UsageTotals) => ({
    calls: t("ledger.calls", { count: totals.calls }),
    promptTokens: totals.promptTokens.toLocaleString(lang),
    completionTokens: totals.completionTokens.toLocaleString(lang),
    cost: money(totals.cost),
    unpriced: totals.unpriced > 0 ? t("ledger.unpriced", { count: totals.unpriced }) : null,
  });
}
