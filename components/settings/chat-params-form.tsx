"use client";
import { useState } from "react";
import type { ChatParams } from "@/lib/types";
import { useConversations } from "@/store/conversations";
import { useSettings } from "@/store/settings";
import { useT } from "@/store/language";
import { Field, NumberInput, inputClass } from "./field";
import { ModelPicker } from "./model-picker";
import { ModelCapabilitiesEditor } from "./model-capabilities";

/** Model parameters, for the open conversation (as overrides) or as defaults for new chats. */
export function ChatParamsForm() {
  const t = useT();
  const currentId = useConversations((s) => s.currentId);
  const overrides = useConversations((s) => (s.currentId ? s.conversations[s.currentId]?.overrides : undefined));
  const defaults = useSettings((s) => s.defaults);
  const [scope, setScope] = useState<"conversation" | "defaults">(currentId ? "conversation" : "defaults");
  const inConversation = scope === "conversation" && currentId !== null;
  const params: ChatParams = inConversation ? { ...defaults, ...overrides } : defaults;

  const change = (patch: Partial<ChatParams>) => {
    if (inConversation && currentId) useConversations.getState().setOverrides(currentId, patch);
    else useSettings.getState().updateDefaults(patch);
  };

  return (
    <div className="space-y-3" key={`${scope}:${currentId}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{t("settings.scope")}</span>
        <select data-testid="settings-scope" aria-label={t("settings.scope")} className={`${inputClass} w-auto`} value={inConversation ? "conversation" : "defaults"} onChange={(e) => setScope(e.target.value as typeof scope)}>
          {currentId && <option value="conversation">{t("settings.scopeConversation")}</option>}
          <option value="defaults">{t("settings.scopeDefaults")}</option>
        </select>
        {inConversation && overrides && Object.keys(overrides).length > 0 && (
          <button type="button" className="text-xs underline" onClick={() => useConversations.getState().clearOverrides(currentId!)}>
            {t("settings.resetOverrides")}
          </button>
        )}
      </div>
      <ModelPicker value={params.model} onChange={(model) => change({ model })} />
      <ModelCapabilitiesEditor key={params.model} model={params.model} />
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("settings.temperature")} hint={params.temperature > 1 ? <span data-testid="temperature-warning" className="text-amber-700">{t("settings.temperatureWarning")}</span> : undefined}>
          <NumberInput testId="settings-temperature" value={params.temperature} min={0} max={2} step={0.1} onChange={(temperature) => change({ temperature })} />
        </Field>
        <Field label={t("settings.topP")}>
          <NumberInput testId="settings-top-p" value={params.top_p} min={0} max={1} step={0.05} onChange={(top_p) => change({ top_p })} />
        </Field>
        <Field label={t("settings.maxTokens")}>
          <NumberInput testId="settings-max-tokens" value={params.max_tokens} min={1} max={2_000_000} step={100} onChange={(max_tokens) => change({ max_tokens })} />
        </Field>
        <Field label={t("settings.historyCount")}>
          <NumberInput testId="settings-history-count" value={params.historyCount} min={0} max={1000} step={1} onChange={(historyCount) => change({ historyCount: Math.round(historyCount) })} />
        </Field>
        <Field label={t("settings.presence")}>
          <NumberInput testId="settings-presence-penalty" value={params.presence_penalty} min={-2} max={2} step={0.1} onChange={(presence_penalty) => change({ presence_penalty })} />
        </Field>
        <Field label={t("settings.frequency")}>
          <NumberInput testId="settings-frequency-penalty" value={params.frequency_penalty} min={-2} max={2} step={0.1} onChange={(frequency_penalty) => change({ frequency_penalty })} />
        </Field>
      </div>
      <p className="text-xs text-zinc-500">{t("settings.historyHint")}</p>
      <Field label={t("settings.systemPrompt")}>
        <textarea data-testid="settings-system-prompt" rows={3} className={inputClass} defaultValue={params.systemPrompt} onChange={(e) => change({ systemPrompt: e.target.value })} />
      </Field>
    </div>
  );
}
