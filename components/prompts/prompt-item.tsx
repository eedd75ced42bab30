"use client";
import { memo } from "react";
import { isBuiltin, MASK_SOURCE, type ModelStatus } from "@/lib/prompts/library";
import type { SavedPrompt } from "@/lib/types";
import { useT } from "@/store/language";
import { CopyIcon, EditIcon, SendIcon, TrashIcon } from "@/components/ui/icons";

const chip = "rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300";
// 44 px touch targets on a phone, compact from the small breakpoint up.
const action = "inline-flex min-h-11 items-center gap-1 rounded-md px-2.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800 sm:min-h-8";

interface Props {
  prompt: SavedPrompt;
  /** How the server takes the prompt's model; undefined when the prompt sets none. */
  modelStatus?: ModelStatus;
  onUse: (p: SavedPrompt) => void;
  onEdit: (p: SavedPrompt) => void;
  onDuplicate: (p: SavedPrompt) => void;
  onDelete: (p: SavedPrompt) => void;
}

/** One prompt in the library: what it sets, and its actions (built-ins can only be used or copied). */
export const PromptItem = memo(function PromptItem({ prompt, modelStatus, onUse, onEdit, onDuplicate, onDelete }: Props) {
  const t = useT();
  const builtin = isBuiltin(prompt);
  const { model, temperature, historyCount } = prompt.params ?? {};
  const starters = prompt.starters?.length ?? 0;
  const headingId = `prompt-${prompt.id}-name`;
  return (
    <li data-testid="prompt-item" data-prompt-id={prompt.id} data-builtin={String(builtin)} aria-labelledby={headingId} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-1.5">
        <h4 id={headingId} data-testid="prompt-name" className="mr-1 font-medium">{prompt.name}</h4>
        {builtin && <span className={chip}>{t("prompts.badge.builtin")}</span>}
        {prompt.source === MASK_SOURCE && <span className={chip}>{t("prompts.badge.nextchat")}</span>}
        {model && (
          <span
            data-testid="prompt-model"
            data-status={modelStatus}
            title={modelStatus === "refused" ? t("prompts.model.refused", { model }) : modelStatus === "unlisted" ? t("prompts.model.unlisted", { model }) : undefined}
            className={`${chip} font-mono ${modelStatus === "refused" ? "bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300" : modelStatus === "unlisted" ? "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300" : ""}`}
          >
            {model}
            {modelStatus === "refused" && ` · ${t("prompts.model.refusedShort")}`}
          </span>
        )}
        {temperature !== undefined && <span className={chip}>{t("prompts.chip.temperature", { value: temperature })}</span>}
        {historyCount !== undefined && <span className={chip}>{t("prompts.chip.history", { count: historyCount })}</span>}
        {starters > 0 && <span className={chip}>{t("prompts.chip.starters", { count: starters })}</span>}
      </div>
      <p className="mt-1 line-clamp-2 whitespace-pre-line text-sm text-zinc-600 dark:text-zinc-400">
        {prompt.systemPrompt.trim() || prompt.starters?.[0]?.content || t("prompts.noSystemPrompt")}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-1">
        <button type="button" data-testid="prompt-use" className={`${action} bg-emerald-700 font-medium text-white hover:bg-emerald-800 dark:hover:bg-emerald-500`} aria-label={t("prompts.useLabel", { name: prompt.name })} onClick={() => onUse(prompt)}>
          <SendIcon className="h-3.5 w-3.5" /> {t("prompts.use")}
        </button>
        {!builtin && (
          <button type="button" data-testid="prompt-edit" className={action} aria-label={t("prompts.editLabel", { name: prompt.name })} onClick={() => onEdit(prompt)}>
            <EditIcon className="h-3.5 w-3.5" /> {t("prompts.edit")}
          </button>
        )}
        <button type="button" data-testid="prompt-duplicate" className={action} aria-label={t("prompts.duplicateLabel", { name: prompt.name })} onClick={() => onDuplicate(prompt)}>
          <CopyIcon className="h-3.5 w-3.5" /> {t("prompts.duplicate")}
        </button>
        {!builtin && (
          <button type="button" data-testid="prompt-delete" className={`${action} text-red-700 dark:text-red-400`} aria-label={t("prompts.deleteLabel", { name: prompt.name })} onClick={() => onDelete(prompt)}>
            <TrashIcon className="h-3.5 w-3.5" /> {t("prompts.delete")}
          </button>
        )}
      </div>
    </li>
  );
});
