import { formatCost } from "@/lib/pricing";
import { useSettings } from "@/store/settings";
import { useLang } from "@/store/language";

/** Formats an amount in the chosen currency; apart from the ledger table so the header needs no table. */
export function useMoney() {
  const lang = useLang();
  const currency = useSettings((s) => s.cost.currency);
  return (v: number | null) => (v === null ? "—" : formatCost(v, currency, lang));
}
