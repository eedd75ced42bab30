"use client";
import { useEffect, useMemo } from "react";
import { groupTotals, totalsByDay } from "@/lib/ledger";
import type { LedgerEntry } from "@/lib/types";
import { conversationSelectors, useConversations } from "@/store/conversations";
import { useCostOf } from "@/store/cost";
import { useT } from "@/store/language";
import { XIcon } from "@/components/ui/icons";
import { LedgerTable, TotalsRow } from "./ledger-table";

function Totals({ title, rows }: { title: string; rows: Array<[string, ReturnType<typeof groupTotals>[number][1]]> }) {
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold uppercase text-zinc-500">{title}</h4>
      <table className="w-full text-xs">
        <tbody>{rows.map(([key, totals]) => <TotalsRow key={key} label={key} totals={totals} />)}</tbody>
      </table>
    </div>
  );
}

/** The ledger: every billed call of this conversation, and totals over all conversations. */
export function LedgerPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const conversation = useConversations(conversationSelectors.current);
  const conversations = useConversations((s) => s.conversations);
  const costOf = useCostOf();
  const all = useMemo(() => Object.values(conversations).flatMap((c) => c.ledger), [conversations]);
  const price = (e: LedgerEntry) => costOf(e.model, e.usage);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex items-stretch justify-center bg-black/40 sm:items-center sm:p-4" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label={t("ledger.title")} data-testid="ledger" className="flex max-h-dvh w-full max-w-3xl flex-col bg-white shadow-xl dark:bg-zinc-900 sm:max-h-[90dvh] sm:rounded-2xl" onClick={(e) => e.stopPropagation()}>
        <div className="flex items-center justify-between border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <h2 className="text-lg font-semibold">{t("ledger.title")}</h2>
          <button type="button" data-testid="ledger-close" aria-label={t("settings.close")} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={onClose}>
            <XIcon />
          </button>
        </div>
        <div className="space-y-5 overflow-y-auto px-5 py-4">
          <section>
            <h3 className="mb-2 text-sm font-semibold">{t("ledger.conversation")}</h3>
            <LedgerTable entries={conversation?.ledger ?? []} />
          </section>
          <section className="space-y-3">
            <h3 className="text-sm font-semibold">{t("ledger.all")}</h3>
            {all.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("ledger.empty")}</p>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2">
                <Totals title={t("ledger.byModel")} rows={groupTotals(all, (e) => e.model, price)} />
                <Totals title={t("ledger.byDay")} rows={totalsByDay(all, price)} />
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
