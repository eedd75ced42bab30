/** Cost of a call from its tokens with the prices and currency in effect now. */
import { useCallback } from "react";
import { capabilitiesFor } from "@/lib/models/capabilities";
import { estimateCost } from "@/lib/pricing";
import type { TokenUsage } from "@/lib/types";
import { useSettings } from "./settings";
import { useAccess } from "./access";
import type { CapabilityTable } from "@/lib/models/capabilities";
import type { ModelPrice } from "@/lib/types";

/** The user's price, else the server owner's (MODEL_CAPABILITIES), else the built-in one. */
export function priceOf(model: string, prices: Record<string, ModelPrice>, server?: CapabilityTable): ModelPrice | null {
  return capabilitiesFor(model, { server, prices }).price;
}

export function costNow(model: string, usage: Pick<TokenUsage, "promptTokens" | "completionTokens">): number | null {
  const { prices, cost } = useSettings.getState();
  return estimateCost(usage, priceOf(model, prices, useAccess.getState().config?.modelCapabilities), cost);
}

/** Re-renders when prices, currency or multiplier change. */
export function useCostOf() {
  const prices = useSettings((s) => s.prices);
  const cost = useSettings((s) => s.cost);
  const server = useAccess((s) => s.config?.modelCapabilities);
  return useCallback(
    (model: string, usage: Pick<TokenUsage, "promptTokens" | "completionTokens">) => estimateCost(usage, priceOf(model, prices, server), cost),
    [prices, cost, server],
  );
}
