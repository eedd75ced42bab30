"use client";
import type { LedgerEntry } from "@/lib/types";
import type { UsageTotals } from "@/lib/ledger";
import { useT } from "@/store/language";
import { entryData, useCallText, useTotalText } from "./use-call-text";

const cell = "px-2 py-1 text-left whitespace-nowrap";
// A long model name wraps instead of pushing the cost and timing columns out of the panel.
const wrapCell = "px-2 py-1 text-left [overflow-wrap:anywhere]";

/** Every billed call of one conversation as a table, with its total: the layout of wide screens. */
export function CallTable({ entries, total }: { entries: LedgerEntry[]; total: UsageTotals }) {
  const t = useT();
  const text = useCallText();
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
          {entries.map((e) => {
            const c = text(e);
            return (
              <tr key={e.id} {...entryData(e)} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className={cell}>{c.time}</td>
                <td className={cell}>
                  {c.kind}
                  {c.status && <span className="ml-1 text-amber-700 dark:text-amber-400">({c.status})</span>}
                </td>
                <td className={wrapCell} data-answered-by={e.answeredBy ?? ""}>{c.model}</td>
                <td className={cell}>
                  {c.promptTokens} / {c.completionTokens}
                </td>
                <td className={cell} data-testid="ledger-entry-cost">{c.cost}</td>
                <td className={cell}>{c.ttft}</td>
                <td className={cell}>{c.duration}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <TotalsRow label={t("ledger.total")} totals={total} colSpan={3} testId="ledger-total" />
        </tfoot>
      </table>
    </div>
  );
}

/** One totals line (a conversation's, a model's, a day's); the cost is `${testId}-cost` when named. */
export function TotalsRow({ label, totals, colSpan = 1, testId }: { label: string; totals: UsageTotals; colSpan?: number; testId?: string }) {
  const text = useTotalText()(totals);
  return (
    <tr data-testid={testId} data-prompt-tokens={totals.promptTokens} data-completion-tokens={totals.completionTokens} className="border-t border-zinc-300 font-medium dark:border-zinc-700">
      <td className={wrapCell} colSpan={colSpan}>
        {label} <span className="font-normal whitespace-nowrap text-zinc-500">{text.calls}</span>
      </td>
      <td className={cell}>
        {text.promptTokens} / {text.completionTokens}
      </td>
      {/* The figure never breaks; the note about unpriced calls may, on a narrow screen. */}
      <td className="px-2 py-1 text-left" colSpan={3}>
        <span data-testid={testId && `${testId}-cost`} className="whitespace-nowrap">{text.cost}</span>
        {text.unpriced && <span className="ml-1 font-normal text-zinc-500">({text.unpriced})</span>}
      </td>
    </tr>
  );
}
