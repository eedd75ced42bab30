/** Cost of a call from its tokens with the prices and currency in effect now. */
import { useCallback } from "react";
import { estimateCost, priceFor } from "@/lib/pricing";
import type { TokenUsage } from "@/lib/types";
import { useSettings } from "./settings";

export function costNow(model: string, usage: Pick<TokenUsage, "promptTokens" | "completionTokens">): number | null {
  const { prices, cost } = useSettings.getState();
  return estimateCost(usage, priceFor(model, prices), cost);
}

/** Re-renders when prices, currency or multiplier change. */
export function useCostOf() {
  const prices = useSettings((s) => s.prices);
  const cost = useSettings((s) => s.cost);
  return useCallback(
    (model: string, usage: Pick<TokenUsage, "promptTokens" | "completionTokens">) => estimateCost(usage, priceFor(model, prices), cost),
    [prices, cost],
  );
}
