"use client";
import { useState } from "react";
import { formatCost } from "@/lib/pricing";
import type { Conversation } from "@/lib/types";
import { useSendPreview } from "@/store/send-preview";
import { useConversations } from "@/store/conversations";
import { useSettings } from "@/store/settings";
import { useLang, useT } from "@/store/language";
import { ContextInspector } from "./context-inspector";
import { NewTopicButton } from "./new-topic-button";

/** Under the composer, live: what the next request carries and costs, before it is sent. */
export function SendPreviewBar({ conversation, text }: { conversation: Conversation | undefined; text: string }) {
  const t = useT();
  const lang = useLang();
  const currency = useSettings((s) => s.cost.currency);
  const [inspecting, setInspecting] = useState(false);
  const state = useSendPreview(conversation, text);
  const { preview, exact } = state;
  const fmt = (n: number) => n.toLocaleString(lang);
  const money = (v: number | null) => (v === null ? t("usage.noPrice") : `≈ ${formatCost(v, currency, lang)}`);
  const dropped = preview.context?.droppedByBudget.length ?? 0;

  const lowerMaxTokens = (value: number) => {
    const store = useConversations.getState();
    const id = conversation?.id ?? store.create();
    store.setOverrides(id, { max_tokens: value });
  };

  return (
    <div className="mx-auto mt-1.5 max-w-3xl text-xs text-zinc-500 dark:text-zinc-400">
      <div data-testid="send-preview" data-messages={preview.messageCount} data-prompt-tokens={preview.promptTokens} data-exact={exact ? "true" : "false"} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <span>{t("preview.next", { count: preview.messageCount })}</span>
        <span>
          {exact ? "" : "≈"}
          {t("preview.tokens", { tokens: fmt(preview.promptTokens) })} · {money(preview.promptCost)}
        </span>
        <span title={t("preview.maxHint")}>
          {t("preview.answerUpTo", { tokens: fmt(preview.maxTokens) })} · {money(preview.maxAnswerCost)}
        </span>
        <button type="button" data-testid="context-inspector-button" className="underline decoration-dotted underline-offset-2 hover:text-zinc-800 dark:hover:text-zinc-200" onClick={() => setInspecting((v) => !v)}>
          {t("preview.inspect")}
        </button>
        <NewTopicButton conversation={conversation} />
      </div>
      {dropped > 0 && <p data-testid="context-trimmed" className="mt-1 text-amber-700 dark:text-amber-400">{t("preview.trimmed", { count: dropped, window: fmt(preview.contextWindow) })}</p>}
      {preview.tooLong && (
        <p data-testid="context-guard" className="mt-1 text-red-700 dark:text-red-400">
          {t("preview.tooLong", { prompt: fmt(preview.tooLong.fixedTokens), max: fmt(preview.maxTokens), window: fmt(preview.contextWindow) })}{" "}
          {preview.tooLong.suggestedMaxTokens !== null ? (
            <button type="button" data-testid="context-guard-fix" className="underline" onClick={() => lowerMaxTokens(preview.tooLong!.suggestedMaxTokens!)}>
              {t("preview.lowerMax", { tokens: fmt(preview.tooLong.suggestedMaxTokens) })}
            </button>
          ) : (
            t("preview.shorten")
          )}
        </p>
      )}
      {inspecting && <ContextInspector state={state} onClose={() => setInspecting(false)} />}
    </div>
  );
}
