"use client";
import type { LedgerEntry } from "@/lib/types";
import type { UsageTotals } from "@/lib/ledger";
import { useT } from "@/store/language";
import { entryData, useCallText, useTotalText } from "./use-call-text";

// The cost at the right of the first line, where a user paying per token looks for it; under it the
// tokens that make it and when it was made, then how fast it came. The same cells on every row, so
// a column can be read down the list as in the table, whatever the language or the numbers' length.
const row = "grid min-h-11 grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3 gap-y-0.5 py-2";
const main = "min-w-0 text-sm [overflow-wrap:anywhere]";
const figure = "text-right text-sm font-semibold whitespace-nowrap tabular-nums";
const detail = "text-xs text-zinc-500";

/**
 * Every billed call of one conversation, one stacked row each, with its total: the layout of a
 * phone, where the seven columns of the table would not fit and would hide the cost off-screen.
 */
export function CallCards({ entries, total }: { entries: LedgerEntry[]; total: UsageTotals }) {
  const t = useT();
  const text = useCallText();
  return (
    <div>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {entries.map((e) => {
          const c = text(e);
          return (
            <li key={e.id} {...entryData(e)} className={row}>
              <span className={main}>
                <span className="font-medium">{c.kind}</span>
                {c.status && <span className="ml-1 text-amber-700 dark:text-amber-400">({c.status})</span>}
                <span className="text-zinc-500"> · </span>
                <span data-answered-by={e.answeredBy ?? ""}>{c.model}</span>
              </span>
              <span data-testid="ledger-entry-cost" className={figure}>{c.cost}</span>
              <span className={`${detail} tabular-nums`}>{t("ledger.tokensInOut", { in: c.promptTokens, out: c.completionTokens })}</span>
              <span className={`${detail} text-right whitespace-nowrap tabular-nums`}>{c.time}</span>
              <span className={`${detail} col-span-2`}>
                {t("ledger.ttftValue", { value: c.ttft })} · {t("ledger.durationValue", { value: c.duration })}
              </span>
            </li>
          );
        })}
      </ul>
      <TotalCard total={total} />
    </div>
  );
}

function TotalCard({ total }: { total: UsageTotals }) {
  const t = useT();
  const text = useTotalText()(total);
  return (
    <div data-testid="ledger-total" data-prompt-tokens={total.promptTokens} data-completion-tokens={total.completionTokens} className={`${row} border-t border-zinc-300 dark:border-zinc-700`}>
      <span className={`${main} font-semibold`}>
        {t("ledger.total")} <span className="font-normal text-zinc-500">{text.calls}</span>
      </span>
      <span data-testid="ledger-total-cost" className={figure}>{text.cost}</span>
      <span className={`${detail} col-span-2 tabular-nums`}>
        {t("ledger.tokensInOut", { in: text.promptTokens, out: text.completionTokens })}
        {text.unpriced && ` · ${text.unpriced}`}
      </span>
    </div>
  );
}
