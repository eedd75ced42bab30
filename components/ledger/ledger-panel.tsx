"use client";
import { useMemo } from "react";
import { groupTotals, totalsByDay } from "@/lib/ledger";
import type { LedgerEntry } from "@/lib/types";
import { conversationSelectors, useConversations } from "@/store/conversations";
import { useCostOf } from "@/store/cost";
import { useLedger } from "@/store/ledger";
import { useT } from "@/store/language";
import { Dialog } from "@/components/ui/dialog";
import { BalanceLine } from "@/components/settings/balance-line";
import { LedgerCalls } from "./ledger-calls";
import { TotalsRow } from "./ledger-table";

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
  const trash = useConversations((s) => s.trash);
  const detached = useLedger((s) => s.detached);
  const costOf = useCostOf();
  // Every billed call: the open chats, the trash, and calls whose chat is gone or that had none.
  const all = useMemo(
    () => [...Object.values(conversations), ...Object.values(trash)].flatMap((c) => c.ledger).concat(detached),
    [conversations, trash, detached],
  );
  const price = (e: LedgerEntry) => costOf(e.model, e.usage);

  return (
    <Dialog title={t("ledger.title")} testId="ledger" closeLabel={t("settings.close")} onClose={onClose} wide>
        <div className="space-y-5 overflow-y-auto px-5 py-4">
          <section>
            <h3 className="mb-2 text-sm font-semibold">{t("ledger.conversation")}</h3>
            <LedgerCalls entries={conversation?.ledger ?? []} />
          </section>
          {detached.length > 0 && (
            <section data-testid="ledger-detached">
              <h3 className="text-sm font-semibold">{t("ledger.detached")}</h3>
              <p className="mb-2 text-xs text-zinc-500">{t("ledger.detachedHint")}</p>
              <LedgerCalls entries={detached} />
            </section>
          )}
          <section className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold">{t("ledger.all")}</h3>
              <BalanceLine compact />
            </div>
            {all.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("ledger.empty")}</p>
            ) : (
              <div className="grid gap-4 md:grid-cols-2">
                <Totals title={t("ledger.byModel")} rows={groupTotals(all, (e) => e.model, price)} />
                <Totals title={t("ledger.byDay")} rows={totalsByDay(all, price)} />
              </div>
            )}
          </section>
        </div>
    </Dialog>
  );
}
