"use client";
import type { LedgerEntry } from "@/lib/types";
import { totalUsage, type UsageTotals } from "@/lib/ledger";
import { answeringModel } from "@/lib/chat/answer-info";
import { useCostOf } from "@/store/cost";
import { useLang, useT } from "@/store/language";
import { useMoney } from "./use-money";

const cell = "px-2 py-1 text-left whitespace-nowrap";


const ms = (v?: number) => (v === undefined ? "—" : v < 1000 ? `${v} ms` : `${(v / 1000).toFixed(1)} s`);

/** Every billed call of one conversation, with its conversation total. */
export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  const t = useT();
  const lang = useLang();
  const costOf = useCostOf();
  const money = useMoney();
  const fmt = (n: number) => n.toLocaleString(lang);
  // Priced by the model asked for (what the price table knows); the answering one is named beside it.
  const modelLabel = (e: LedgerEntry) => {
    const { shown, asked } = answeringModel(e.model, e.answeredBy);
    return asked ? t("usage.answeredAsked", { answered: shown, asked }) : shown;
  };
  if (entries.length === 0) return <p className="text-sm text-zinc-500">{t("ledger.empty")}</p>;
  const total = totalUsage(entries, (e) => costOf(e.model, e.usage));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs">
        <thead className="text-zinc-500">
          <tr>
            <th className={cell}>{t("ledger.time")}</th>
            <th className={cell}>{t("ledger.kind")}</th>
            <th className={cell}>{t("ledger.model")}</th>
            <th className={cell}>{t("ledger.tokens")}</th>
            <th className={cell}>{t("ledger.cost")}</th>
            <th className={cell}>{t("ledger.ttft")}</th>
            <th className={cell}>{t("ledger.duration")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="ledger-entry" data-kind={e.kind} data-status={e.status} data-prompt-tokens={e.usage.promptTokens} data-completion-tokens={e.usage.completionTokens} data-estimated={e.usage.estimated ? "true" : "false"} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className={cell}>{new Date(e.at).toLocaleString(lang, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })}</td>
              <td className={cell}>
                {t(`ledger.kind.${e.kind}`)}
                {e.status !== "done" && <span className="ml-1 text-amber-700">({t(`ledger.status.${e.status}`)})</span>}
              </td>
              <td className={cell} data-answered-by={e.answeredBy ?? ""}>{modelLabel(e)}</td>
              <td className={cell}>
                {e.usage.estimated ? "~" : ""}
                {fmt(e.usage.promptTokens)} / {fmt(e.usage.completionTokens)}
              </td>
              <td className={cell}>{money(costOf(e.model, e.usage))}</td>
              <td className={cell}>{ms(e.ttftMs)}</td>
              <td className={cell}>{ms(e.durationMs)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <TotalsRow label={t("ledger.total")} totals={total} colSpan={3} testId="ledger-total" />
        </tfoot>
      </table>
      {total.estimated > 0 && <p className="mt-1 text-xs text-zinc-500">{t("ledger.estimatedNote")}</p>}
    </div>
  );
}

export function TotalsRow({ label, totals, colSpan = 1, testId }: { label: string; totals: UsageTotals; colSpan?: number; testId?: string }) {
  const t = useT();
  const lang = useLang();
  const money = useMoney();
  return (
    <tr data-testid={testId} data-prompt-tokens={totals.promptTokens} data-completion-tokens={totals.completionTokens} className="border-t border-zinc-300 font-medium dark:border-zinc-700">
      <td className={cell} colSpan={colSpan}>
        {label} <span className="font-normal text-zinc-500">{t("ledger.calls", { count: totals.calls })}</span>
      </td>
      <td className={cell}>
        {totals.promptTokens.toLocaleString(lang)} / {totals.completionTokens.toLocaleString(lang)}
      </td>
      <td className={cell} colSpan={3}>
        {money(totals.cost)}
        {totals.unpriced > 0 && <span className="ml-1 font-normal text-zinc-500">({t("ledger.unpriced", { count: totals.unpriced })})</span>}
      </td>
    </tr>
  );
}
