"use client";
import type { TokenUsage } from "@/lib/types";
import { formatCost } from "@/lib/pricing";
import { useLang, useT } from "@/store/language";
import { useSettings } from "@/store/settings";
import { useCostOf } from "@/store/cost";

/** Tokens and estimated cost of one billed call, priced with the prices in effect now. */
export function UsageLine({ usage, model, showModel = true, testId = "message-usage" }: { usage: TokenUsage; model: string; showModel?: boolean; testId?: string }) {
  const t = useT();
  const cost = useCostOf()(model, usage);
  const lang = useLang();
  const currency = useSettings((s) => s.cost.currency);
  const fmt = (n: number) => n.toLocaleString(lang);
  return (
    <div
      data-testid={testId}
      data-prompt-tokens={usage.promptTokens}
      data-completion-tokens={usage.completionTokens}
      data-estimated={usage.estimated ? "true" : "false"}
      className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400"
    >
      {showModel && <span>{model}</span>}
      <span>{t("usage.tokens", { prompt: fmt(usage.promptTokens), completion: fmt(usage.completionTokens) })}</span>
      <span title={usage.estimated ? t("usage.estimated") : t("usage.reported")}>{usage.estimated ? `(${t("usage.estimated")})` : ""}</span>
      <span>{cost === null || cost === undefined ? t("usage.noPrice") : `≈ ${formatCost(cost, currency, lang)}`}</span>
    </div>
  );
}
