"use client";
import { capabilitiesFor, guessCapabilities, overrideFor, type CapabilityOverride } from "@/lib/models/capabilities";
import { normalizeModelName } from "@/lib/models/model-match";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { useSettings } from "@/store/settings";
import { Field, NumberInput } from "./field";

/** Drops the entries for exactly this model (any case or vendor prefix) from a per-model table. */
function without<T>(table: Record<string, T>, model: string): Record<string, T> {
  const name = normalizeModelName(model);
  return Object.fromEntries(Object.entries(table).filter(([k]) => normalizeModelName(k) !== name));
}

function setFlag(model: string, patch: CapabilityOverride) {
  const s = useSettings.getState();
  const current = overrideFor(model, s.modelCapabilities) ?? {};
  s.update({ modelCapabilities: { ...without(s.modelCapabilities, model), [model]: { ...current, ...patch } } });
}

/**
 * The selected model's capabilities, guessed from its name and editable: vision, reasoning, context
 * window, max output, prices. An edit is kept per model in Settings and beats the guess; context
 * windows and prices go where the rest of the app reads them (Settings' contextWindows and prices).
 */
export function ModelCapabilitiesEditor({ model }: { model: string }) {
  const t = useT();
  const server = useAccess((s) => s.config?.modelCapabilities);
  const user = useSettings((s) => s.modelCapabilities);
  const contextWindows = useSettings((s) => s.contextWindows);
  const prices = useSettings((s) => s.prices);
  const caps = capabilitiesFor(model, { server, user, contextWindows, prices });
  const guess = capabilitiesFor(model, { server });
  const edited = overrideFor(model, user) !== undefined || Object.hasOwn(contextWindows, model) || Object.hasOwn(prices, model);
  const known = guessCapabilities(model).contextWindow;

  const reset = () => {
    const s = useSettings.getState();
    s.update({ modelCapabilities: without(s.modelCapabilities, model), contextWindows: without(s.contextWindows, model), prices: without(s.prices, model) });
  };
  const setPrice = (patch: { input?: number; output?: number }) => {
    const s = useSettings.getState();
    const base = caps.price ?? { input: 0, output: 0 };
    s.update({ prices: { ...s.prices, [model]: { ...base, ...patch } } });
  };

  const check = "h-4 w-4 accent-emerald-600";
  return (
    <fieldset data-testid="model-capabilities" data-model={model} data-vision={String(caps.vision)} data-reasoning={String(caps.reasoning)} className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      {/* Remounted per model (key) so the uncontrolled number inputs show the new model's values. */}
      <legend className="px-1 text-sm font-medium">
        {t("caps.title", { model })}
        {edited && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-800 dark:bg-amber-900/50 dark:text-amber-200">{t("caps.edited")}</span>}
      </legend>
      <p className="text-xs text-zinc-500">{t("caps.hint")}</p>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" data-testid="capability-vision" className={check} checked={caps.vision} onChange={(e) => setFlag(model, { vision: e.target.checked })} />
          {t("caps.vision")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" data-testid="capability-reasoning" className={check} checked={caps.reasoning} onChange={(e) => setFlag(model, { reasoning: e.target.checked })} />
          {t("caps.reasoning")}
        </label>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("settings.contextWindow")} hint={t("settings.contextWindowHint", { tokens: known.toLocaleString() })}>
          <NumberInput
            testId="settings-context-window"
            value={caps.contextWindow}
            min={256}
            max={10_000_000}
            step={1024}
            onChange={(n) => useSettings.getState().update({ contextWindows: { ...useSettings.getState().contextWindows, [model]: Math.round(n) } })}
          />
        </Field>
        <Field label={t("caps.maxOutput")} hint={guess.maxOutput ? guess.maxOutput.toLocaleString() : undefined}>
          <NumberInput testId="capability-max-output" value={caps.maxOutput ?? 0} min={1} max={10_000_000} step={1024} onChange={(n) => setFlag(model, { maxOutput: Math.round(n) })} />
        </Field>
        <Field label={t("caps.inputPrice")}>
          <NumberInput testId="capability-input-price" value={caps.price?.input ?? 0} min={0} max={100_000} step={0.01} onChange={(input) => setPrice({ input })} />
        </Field>
        <Field label={t("caps.outputPrice")}>
          <NumberInput testId="capability-output-price" value={caps.price?.output ?? 0} min={0} max={100_000} step={0.01} onChange={(output) => setPrice({ output })} />
        </Field>
      </div>
      {edited && (
        <button type="button" data-testid="capability-reset" className="text-xs underline" onClick={reset}>
          {t("caps.reset")}
        </button>
      )}
    </fieldset>
  );
}
