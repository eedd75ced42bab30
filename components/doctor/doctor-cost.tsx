"use client";
import { doctorPlan, planUsage } from "@/lib/relay/doctor/cost";
import { useMoney } from "@/components/ledger/use-money";
import { useCostOf } from "@/store/cost";
import { useDoctorT } from "./use-doctor-t";

/** What the next run may bill, priced at the model's price, before it starts. */
export function DoctorCost({ model, identity }: { model: string; identity: boolean }) {
  const { t, lang } = useDoctorT();
  const costOf = useCostOf();
  const money = useMoney();
  const usage = planUsage(doctorPlan({ identity }));
  const cost = costOf(model, usage);
  const values = { calls: usage.calls, model, tokensIn: usage.promptTokens.toLocaleString(lang), tokensOut: usage.completionTokens.toLocaleString(lang), cost: money(cost) };
  return (
    <p data-testid="doctor-cost" data-calls={usage.calls} className="text-xs text-zinc-600 dark:text-zinc-400">
      {t(cost === null ? "panel.costNoPrice" : "panel.cost", values)} {t("panel.costLedger")}
    </p>
  );
}
