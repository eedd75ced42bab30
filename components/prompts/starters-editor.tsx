"use client";
import { useId } from "react";
import type { StarterMessage } from "@/lib/prompts/library";
import { useT } from "@/store/language";
import { inputClass } from "@/components/settings/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { invalidInputClass } from "./invalid-input";

/** The messages a chat started from the prompt begins with: role and text, in order. */
export function StartersEditor({ starters, onChange, invalid }: { starters: StarterMessage[]; onChange: (next: StarterMessage[]) => void; invalid: Set<number> }) {
  const t = useT();
  const id = useId();
  const set = (i: number, patch: Partial<StarterMessage>) => onChange(starters.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const add = () => {
    // Alternate the roles, starting with the user: that is how a conversation reads.
    const last = starters[starters.length - 1];
    onChange([...starters, { role: last?.role === "user" ? "assistant" : "user", content: "" }]);
    requestAnimationFrame(() => document.getElementById(`${id}-content-${starters.length}`)?.focus());
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t("prompts.field.starters")}</legend>
      <p className="text-xs text-zinc-500">{t("prompts.field.startersHint")}</p>
      <ol className="space-y-2">
        {starters.map((s, i) => (
          <li key={i} data-testid="prompt-starter" className="flex flex-col gap-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800 sm:flex-row sm:items-start">
            <label className="sr-only" htmlFor={`${id}-role-${i}`}>{t("prompts.starter.roleLabel", { n: i + 1 })}</label>
            <select id={`${id}-role-${i}`} data-testid="prompt-starter-role" className={`${inputClass} min-h-11 sm:min-h-0 sm:w-32`} value={s.role} onChange={(e) => set(i, { role: e.target.value as StarterMessage["role"] })}>
              <option value="user">{t("prompts.starter.user")}</option>
              <option value="assistant">{t("prompts.starter.assistant")}</option>
            </select>
            <label className="sr-only" htmlFor={`${id}-content-${i}`}>{t("prompts.starter.contentLabel", { n: i + 1 })}</label>
            <textarea
              id={`${id}-content-${i}`}
              data-testid="prompt-starter-content"
              rows={2}
              aria-invalid={invalid.has(i + 1) || undefined}
              className={`${invalid.has(i + 1) ? invalidInputClass : inputClass} flex-1`}
              value={s.content}
              onChange={(e) => set(i, { content: e.target.value })}
            />
            <button type="button" data-testid="prompt-starter-remove" aria-label={t("prompts.starter.remove", { n: i + 1 })} title={t("prompts.starter.remove", { n: i + 1 })} className="inline-flex min-h-11 min-w-11 items-center justify-center self-end rounded-md text-red-700 hover:bg-zinc-100 dark:text-red-400 dark:hover:bg-zinc-800 sm:min-h-8 sm:min-w-8 sm:self-start" onClick={() => onChange(starters.filter((_, j) => j !== i))}>
              <TrashIcon />
            </button>
          </li>
        ))}
      </ol>
      <button type="button" data-testid="prompt-starter-add" className="inline-flex min-h-11 items-center gap-1 rounded-md border border-zinc-300 px-3 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 sm:min-h-8" onClick={add}>
        <PlusIcon /> {t("prompts.starter.add")}
      </button>
    </fieldset>
  );
}
