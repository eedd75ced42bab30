"use client";
import { useEffect, useState } from "react";
import { readBalance, type BalanceResult } from "@/lib/client/balance";
import type { BalanceReading } from "@/lib/relay/balance";
import { useAccess } from "@/store/access";
import { useLang, useT } from "@/store/language";
import { apiTarget } from "@/store/run-control";
import { useSettings } from "@/store/settings";

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: n < 1 ? 4 : 2 })}`;

function Figures({ reading }: { reading: BalanceReading }) {
  const t = useT();
  const lang = useLang();
  const approx = reading.approximate ? "≈ " : "";
  const money = (n: number) => `${approx}${usd(n)}`;
  const parts: string[] = [];
  if (reading.state === "unlimited") parts.push(t("balance.unlimited"));
  else if (reading.remainingUsd !== undefined && reading.totalUsd !== undefined) parts.push(t("balance.left", { remaining: money(reading.remainingUsd), total: money(reading.totalUsd) }));
  else if (reading.totalUsd !== undefined) parts.push(t("balance.total", { total: money(reading.totalUsd) }));
  if (reading.usedUsd !== undefined) parts.push(t("balance.used", { used: money(reading.usedUsd) }));
  if (reading.accessUntil) parts.push(t("balance.expires", { date: new Date(reading.accessUntil * 1000).toLocaleDateString(lang) }));
  return (
    <>
      <span data-testid="balance-figures">{parts.join(" · ")}</span>
      {reading.approximate && <span className="block text-xs text-zinc-500">{t("balance.approx")}</span>}
    </>
  );
}

/**
 * The balance of the key in use (test hook `balance`, data-state ok|unlimited|error|unsupported).
 * Nothing at all, and nothing fetched, for the server's key unless the server allows it.
 */
export function BalanceLine({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const lang = useLang();
  const allowed = useAccess((a) => a.config?.balanceQuery === true);
  const code = useAccess((a) => a.code);
  const own = useSettings((s) => s.own);
  const [result, setResult] = useState<BalanceResult | null>(null);
  const target = apiTarget();
  const show = target.via === "direct" || allowed;
  const key = `${target.via}\n${target.baseUrl}\n${target.apiKey}\n${code}`;

  useEffect(() => {
    if (!show) return;
    let live = true;
    setResult(null);
    // While an own endpoint or key is being typed, wait for it to settle: no call per keystroke.
    const timer = setTimeout(() => void readBalance(apiTarget()).then((r) => live && setResult(r)), apiTarget().via === "direct" ? 800 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `own` and `code` change the target; `key` sums them up.
  }, [show, key, own]);

  if (!show) return null;
  const reading = result?.reading;
  return (
    <div data-testid="balance" data-state={reading?.state ?? "loading"} className={compact ? "text-xs" : "text-sm"}>
      <span className="font-medium">{t("balance.title")}</span>{" "}
      <span className="text-zinc-500">{t(target.via === "direct" ? "balance.ownKey" : "balance.serverKey")}</span>
      {": "}
      {!reading && <span className="text-zinc-500">{t("balance.loading")}</span>}
      {reading && (reading.state === "ok" || reading.state === "unlimited") && <Figures reading={reading} />}
      {reading?.state === "unsupported" && <span data-testid="balance-message">{t("balance.unsupported")}</span>}
      {reading?.state === "error" && (
        <span data-testid="balance-message" className="text-red-700 dark:text-red-400">
          {result?.blocked ? t("balance.blocked") : t("balance.error", { message: reading.message ?? "" })}
        </span>
      )}
      {result && <span className="block text-xs text-zinc-500">{t("balance.readAt", { time: new Date(result.readAt).toLocaleTimeString(lang) })}</span>}
    </div>
  );
}
