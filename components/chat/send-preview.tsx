"use client";
import { lazy, Suspense, useState } from "react";
import { formatCost } from "@/lib/pricing";
import type { Conversation } from "@/lib/types";
import type { PreviewState } from "@/store/send-preview";
import { formatBytes } from "@/lib/chat/request-bytes";
import { ImageIcon } from "@/components/ui/icons";
import { useConversations } from "@/store/conversations";
import { useSettings } from "@/store/settings";
import { useLang, useT } from "@/store/language";
// What will be sent, message by message: loaded when first opened.
const ContextInspector = lazy(() => import("./context-inspector").then((m) => ({ default: m.ContextInspector })));
import { NewTopicButton } from "./new-topic-button";
import { ImageNotes } from "./image-notes";

/** Under the composer, live: what the next request carries and costs, before it is sent (state: store/send-preview.ts). */
export function SendPreviewBar({ conversation, state }: { conversation: Conversation | undefined; state: PreviewState }) {
  const t = useT();
  const lang = useLang();
  const currency = useSettings((s) => s.cost.currency);
  const [inspecting, setInspecting] = useState(false);
  const { preview, exact } = state;
  const { images } = preview;
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
          {exact && images.tokens === 0 ? "" : "≈"}
          {t("preview.tokens", { tokens: fmt(preview.promptTokens) })} · {money(preview.promptCost)}
        </span>
        <span title={t("preview.maxHint")}>
          {t("preview.answerUpTo", { tokens: fmt(preview.maxTokens) })} · {money(preview.maxAnswerCost)}
        </span>
        {images.question + images.history > 0 && (
          <span data-testid="preview-images" data-question={images.question} data-history={images.history} data-image-tokens={images.tokens} className="inline-flex items-center gap-1">
            <ImageIcon className="h-3.5 w-3.5" />
            {[
              images.question > 0 ? t("preview.imagesNew", { count: images.question }) : "",
              images.history > 0 ? t("preview.imagesEarlier", { count: images.history }) : "",
              t("preview.imageTokens", { tokens: fmt(images.tokens) }),
              preview.context ? t("preview.requestSize", { size: formatBytes(preview.context.bytes, lang), limit: formatBytes(state.maxRequestBytes, lang) }) : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        )}
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
      <ImageNotes state={state} />
      {inspecting && (
        <Suspense fallback={null}>
          <ContextInspector state={state} onClose={() => setInspecting(false)} />
        </Suspense>
      )}
    </div>
  );
}
