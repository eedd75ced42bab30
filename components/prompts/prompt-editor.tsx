"use client";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { HISTORY_MAX, TEMPERATURE_MAX, validateDraft, type DraftField, type DraftProblem, type PromptDraft, type StarterMessage } from "@/lib/prompts/library";
import { useSettings } from "@/store/settings";
import { useT } from "@/store/language";
import { inputClass } from "@/components/settings/field";
import { ModelPicker } from "@/components/settings/model-picker";
import { invalidInputClass } from "./invalid-input";
import { StartersEditor } from "./starters-editor";

const button = "inline-flex min-h-11 items-center rounded-md border border-zinc-300 px-4 text-sm dark:border-zinc-700 sm:min-h-9";

/** A parameter the prompt may set: unchecked, the chat keeps the user's default. */
function Optional({ label, testId, on, onToggle, children }: { label: string; testId: string; on: boolean; onToggle: (on: boolean) => void; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium sm:min-h-0">
        <input type="checkbox" data-testid={testId} className="h-4 w-4" checked={on} onChange={(e) => onToggle(e.target.checked)} />
        {label}
      </label>
      {on && children}
    </div>
  );
}

interface Props {
  heading: string;
  initial: PromptDraft;
  /** Saving a chat's setup: its first messages, offered as starters. */
  chatMessages?: StarterMessage[];
  onSave: (draft: PromptDraft) => void;
  onCancel: () => void;
}

/** Creates or edits a saved prompt; nothing is stored until Save, and Save checks every field first. */
export function PromptEditor({ heading, initial, chatMessages, onSave, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const defaults = useSettings((s) => s.defaults);
  const [draft, setDraft] = useState(initial);
  // Numbers as typed: "1." or "" must not jump back while typing; they are read on Save.
  const [temperature, setTemperature] = useState(String(initial.temperature ?? defaults.temperature));
  const [history, setHistory] = useState(String(initial.historyCount ?? defaults.historyCount));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [fromChat, setFromChat] = useState(Boolean(initial.starters.length && chatMessages?.length));
  const [fromChatCount, setFromChatCount] = useState(Math.max(1, initial.starters.length));
  const form = useRef<HTMLFormElement>(null);
  const patch = (p: Partial<PromptDraft>) => setDraft((d) => ({ ...d, ...p }));
  const has = (field: DraftField) => problems.some((p) => p.field === field);

  const takeChatMessages = (on: boolean, count: number) => {
    setFromChat(on);
    setFromChatCount(count);
    patch({ starters: on ? (chatMessages ?? []).slice(0, count).map((m) => ({ ...m })) : [] });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const read = (text: string) => (text.trim() === "" ? NaN : Number(text));
    const next: PromptDraft = {
      ...draft,
      temperature: draft.temperature === null ? null : read(temperature),
      historyCount: draft.historyCount === null ? null : read(history),
    };
    const found = validateDraft(next);
    setProblems(found);
    if (found.length) {
      // Take the user to the first field to fix.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    onSave(next);
  };

  const field = (name: DraftField) => ({ "aria-invalid": has(name) || undefined, className: has(name) ? invalidInputClass : inputClass });
  return (
    <form ref={form} data-testid="prompt-editor" noValidate className="flex min-h-0 flex-1 flex-col" onSubmit={submit}>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4">
        <h3 className="text-base font-semibold">{heading}</h3>
        {problems.length > 0 && (
          <ul data-testid="prompt-errors" role="alert" className="list-disc space-y-0.5 rounded-md bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
            {problems.map((p, i) => (
              <li key={i}>{t(p.key, { n: p.n ?? 0, max: p.field === "temperature" ? TEMPERATURE_MAX : HISTORY_MAX })}</li>
            ))}
          </ul>
        )}
        <div>
          <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium">{t("prompts.field.name")}</label>
          <input id={`${id}-name`} data-testid="prompt-name-input" autoFocus value={draft.name} onChange={(e) => patch({ name: e.target.value })} {...field("name")} />
        </div>
        <div>
          <label htmlFor={`${id}-system`} className="mb-1 block text-sm font-medium">{t("prompts.field.systemPrompt")}</label>
          <textarea id={`${id}-system`} data-testid="prompt-system-input" rows={6} value={draft.systemPrompt} onChange={(e) => patch({ systemPrompt: e.target.value })} {...field("systemPrompt")} />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t("prompts.field.params")}</legend>
          <p className="text-xs text-zinc-500">{t("prompts.field.paramsHint")}</p>
          <Optional label={t("prompts.field.model")} testId="prompt-set-model" on={draft.model !== null} onToggle={(on) => patch({ model: on ? defaults.model : null })}>
            <ModelPicker value={draft.model ?? defaults.model} onChange={(model) => patch({ model })} />
          </Optional>
          <div className="grid gap-3 sm:grid-cols-2">
            <Optional label={t("prompts.field.temperature")} testId="prompt-set-temperature" on={draft.temperature !== null} onToggle={(on) => patch({ temperature: on ? Number(temperature) || 0 : null })}>
              <input type="number" aria-label={t("prompts.field.temperature")} data-testid="prompt-temperature" min={0} max={TEMPERATURE_MAX} step={0.1} value={temperature} onChange={(e) => setTemperature(e.target.value)} {...field("temperature")} />
            </Optional>
            <Optional label={t("prompts.field.historyCount")} testId="prompt-set-history" on={draft.historyCount !== null} onToggle={(on) => patch({ historyCount: on ? Number(history) || 0 : null })}>
              <input type="number" aria-label={t("prompts.field.historyCount")} data-testid="prompt-history" min={0} max={HISTORY_MAX} step={1} value={history} onChange={(e) => setHistory(e.target.value)} {...field("historyCount")} />
            </Optional>
          </div>
        </fieldset>
        {chatMessages && chatMessages.length > 0 && (
          <div className="flex flex-wrap items-center gap-2 rounded-md bg-zinc-50 p-2 text-sm dark:bg-zinc-800/50">
            <label className="flex min-h-11 items-center gap-2 sm:min-h-0">
              <input type="checkbox" data-testid="prompt-include-starters" className="h-4 w-4" checked={fromChat} onChange={(e) => takeChatMessages(e.target.checked, fromChatCount)} />
              {t("prompts.fromChat.include")}
            </label>
            <select data-testid="prompt-include-count" aria-label={t("prompts.fromChat.countLabel")} className={`${inputClass} w-auto`} disabled={!fromChat} value={fromChatCount} onChange={(e) => takeChatMessages(true, Number(e.target.value))}>
              {chatMessages.map((_, i) => (
                <option key={i} value={i + 1}>{t("prompts.fromChat.count", { count: i + 1 })}</option>
              ))}
            </select>
          </div>
        )}
        <StartersEditor starters={draft.starters} onChange={(starters) => patch({ starters })} invalid={new Set(problems.filter((p) => p.field === "starters").map((p) => p.n ?? 0))} />
      </div>
      <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
        <button type="button" data-testid="prompt-cancel" className={button} onClick={onCancel}>{t("prompts.cancel")}</button>
        <button type="submit" data-testid="prompt-save" className={`${button} border-emerald-600 bg-emerald-700 text-white`}>{t("prompts.save")}</button>
      </div>
    </form>
  );
}
