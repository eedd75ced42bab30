"use client";
import type { TokenUsage } from "@/lib/types";
import { formatCost } from "@/lib/pricing";
import { formatDuration } from "@/lib/chat/answer-info";
import { useLang, useT } from "@/store/language";
import { useSettings } from "@/store/settings";
import { useCostOf } from "@/store/cost";
import { AnswerModel } from "./answer-model";

interface Props {
  usage: TokenUsage;
  model: string;
  /** What the answer said about itself (absent for title calls and older messages). */
  answeredBy?: string;
  systemFingerprint?: string;
  ttftMs?: number;
  durationMs?: number;
  showModel?: boolean;
  testId?: string;
}

/** Tokens and estimated cost of one billed call, priced with the prices in effect now, with who answered and how fast. */
export function UsageLine({ usage, model, answeredBy, systemFingerprint, ttftMs, durationMs, showModel = true, testId = "message-usage" }: Props) {
  const t = useT();
  const cost = useCostOf()(model, usage);
  const lang = useLang();
  const currency = useSettings((s) => s.cost.currency);
  const fmt = (n: number) => n.toLocaleString(lang);
  const timing = [
    ttftMs !== undefined ? t("usage.ttft", { value: formatDuration(ttftMs) }) : "",
    durationMs !== undefined ? t("usage.duration", { value: formatDuration(durationMs) }) : "",
  ].filter(Boolean);
  return (
    <div
      data-testid={testId}
      data-prompt-tokens={usage.promptTokens}
      data-completion-tokens={usage.completionTokens}
      data-estimated={usage.estimated ? "true" : "false"}
      className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400"
    >
      {showModel && <AnswerModel asked={model} answeredBy={answeredBy} systemFingerprint={systemFingerprint} />}
      <span>{t("usage.tokens", { prompt: fmt(usage.promptTokens), completion: fmt(usage.completionTokens) })}</span>
      <span title={usage.estimated ? t("usage.estimated") : t("usage.reported")}>{usage.estimated ? `(${t("usage.estimated")})` : ""}</span>
      <span>{cost === null || cost === undefined ? t("usage.noPrice") : `≈ ${formatCost(cost, currency, lang)}`}</span>
      {timing.length > 0 && (
        <span data-testid="message-timing" data-ttft-ms={ttftMs ?? ""} data-duration-ms={durationMs ?? ""} title={t("usage.timingTitle")}>
          {timing.join(" · ")}
        </span>
      )}
    </div>
  );
}
