"use client";
import { countMessage } from "@/lib/client/tokenizer";
import { imagesTokens } from "@/lib/chat/image-tokens";
import type { ApiMessage } from "@/lib/types";
import type { PreviewState } from "@/store/send-preview";
import { useLang, useT } from "@/store/language";
import { XIcon } from "@/components/ui/icons";

type State = "included" | "count" | "budget" | "bytes";
const SHOWN_BEYOND_COUNT = 20;

const badge: Record<State, string> = {
  included: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  count: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  budget: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  bytes: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
};

function Row({ role, text, tokens, state, system, images = 0 }: { role: string; text: string; tokens: number; state: State; system?: boolean; images?: number }) {
  const t = useT();
  const lang = useLang();
  return (
    <li data-testid="context-item" data-state={state} data-role={role} className={`flex items-start gap-2 py-1 ${state === "included" ? "" : "opacity-60"}`}>
      <span className={`shrink-0 rounded px-1.5 py-0.5 text-[10px] font-medium ${badge[state]}`}>{t(`inspector.${state}`)}</span>
      <span className="w-16 shrink-0 font-medium">{system ? t("inspector.system") : role === "user" ? t("message.you") : t("message.assistant")}</span>
      <span className="min-w-0 flex-1 truncate">{text || "—"}</span>
      {images > 0 && <span data-testid="context-item-images" className="shrink-0 rounded bg-sky-100 px-1 text-[10px] text-sky-800 dark:bg-sky-900/50 dark:text-sky-200">{t("inspector.images", { count: images })}</span>}
      <span className="shrink-0 tabular-nums">{tokens.toLocaleString(lang)}</span>
    </li>
  );
}

/** Exactly which messages the next request includes, and which the history count or the budget leave out. */
export function ContextInspector({ state, onClose }: { state: PreviewState; onClose: () => void }) {
  const t = useT();
  const { preview, history, params } = state;
  const ctx = preview.context;
  const count = (m: ApiMessage & { id?: string }) => countMessage(params.model, m).tokens + imagesTokens(m.images);
  const byCount = new Set(ctx?.droppedByCount ?? history.map((m) => m.id));
  const byBudget = new Set(ctx?.droppedByBudget ?? []);
  const byBytes = new Set(ctx?.droppedByBytes ?? []);
  const stateOf = (id: string): State => (byBudget.has(id) ? "budget" : byBytes.has(id) ? "bytes" : byCount.has(id) ? "count" : "included");
  const countDropped = history.filter((m) => byCount.has(m.id));
  const hidden = Math.max(0, countDropped.length - SHOWN_BEYOND_COUNT);
  const shown = history.filter((m) => !byCount.has(m.id) || countDropped.indexOf(m) >= hidden);
  const system = params.systemPrompt.trim();

  return (
    <div data-testid="context-inspector" className="mt-2 max-h-72 overflow-y-auto rounded-lg border border-zinc-200 bg-white p-3 text-zinc-700 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
      <div className="mb-1 flex items-center justify-between">
        <strong>{t("inspector.title", { history: params.historyCount })}</strong>
        <button type="button" aria-label={t("settings.close")} onClick={onClose}><XIcon /></button>
      </div>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {system && <Row role="system" system text={system} tokens={count({ role: "system", content: system })} state={ctx?.systemIncluded ? "included" : "count"} />}
        {state.hiddenByTopic > 0 && (
          <li data-testid="inspector-topic" className="py-1 text-sky-700 dark:text-sky-300">{t("inspector.topic", { count: state.hiddenByTopic })}</li>
        )}
        {hidden > 0 && <li className="py-1 text-zinc-500">{t("inspector.more", { count: hidden })}</li>}
        {shown.map((m) => <Row key={m.id} role={m.role} text={m.content.slice(0, 140)} tokens={count(m)} state={stateOf(m.id)} images={m.images?.length} />)}
      </ul>
      <p className="mt-2 text-zinc-500">{t("inspector.legend")}</p>
    </div>
  );
}
