"use client";
import type { LedgerEntry } from "@/lib/types";
import { totalUsage } from "@/lib/ledger";
import { useCostOf } from "@/store/cost";
import { useT } from "@/store/language";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { CallCards } from "./ledger-cards";
import { CallTable } from "./ledger-table";

// Tailwind's `md`: below it the panel is narrower than the seven columns of the table need (about
// 700 px), so each call is a stacked row there. One layout or the other is in the page, never both,
// so each call is one `ledger-entry` whatever the width.
const NARROW = "(width < 48rem)";

/** Every billed call of one conversation with its total: a table on wide screens, stacked rows on a phone. */
export function LedgerCalls({ entries }: { entries: LedgerEntry[] }) {
  const t = useT();
  const costOf = useCostOf();
  const narrow = useMediaQuery(NARROW);
  if (entries.length === 0) return <p className="text-sm text-zinc-500">{t("ledger.empty")}</p>;
  const total = totalUsage(entries, (e) => costOf(e.model, e.usage));
  return (
    <div>
      {narrow ? <CallCards entries={entries} total={total} /> : <CallTable entries={entries} total={total} />}
      {total.estimated > 0 && <p className="mt-1 text-xs text-zinc-500">{t("ledger.estimatedNote")}</p>}
    </div>
  );
}
