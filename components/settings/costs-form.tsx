"use client";
import { useState } from "react";
import { DEFAULT_PRICES, PRICES_TAKEN_AT } from "@/lib/pricing";
import type { ModelPrice } from "@/lib/types";
import { useSettings } from "@/store/settings";
import { useT } from "@/store/language";
import { Field, NumberInput, inputClass } from "./field";

/** Currency, relay multiplier and the editable per-model price table. */
export function CostsForm() {
  const t = useT();
  const s = useSettings();
  const [newModel, setNewModel] = useState("");
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICES, ...s.prices };
  const setPrice = (model: string, patch: Partial<ModelPrice>) =>
    s.update({ prices: { ...useSettings.getState().prices, [model]: { ...table[model], ...patch } } });

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-3 gap-3">
        <Field label={t("settings.currency")}>
          <select data-testid="settings-currency" className={inputClass} value={s.cost.currency} onChange={(e) => s.update({ cost: { ...s.cost, currency: e.target.value as "USD" | "CNY" } })}>
            <option value="USD">USD $</option>
            <option value="CNY">CNY ¥</option>
          </select>
        </Field>
        <Field label={t("settings.usdToCny")}>
          <NumberInput value={s.cost.usdToCny} min={0.01} max={100} step={0.01} onChange={(usdToCny) => s.update({ cost: { ...useSettings.getState().cost, usdToCny } })} />
        </Field>
        <Field label={t("settings.multiplier")}>
          <NumberInput testId="settings-multiplier" value={s.cost.multiplier} min={0} max={1000} step={0.1} onChange={(multiplier) => s.update({ cost: { ...useSettings.getState().cost, multiplier } })} />
        </Field>
      </div>
      <p className="text-xs text-zinc-500">{t("settings.pricesTaken", { date: PRICES_TAKEN_AT })}</p>
      <div className="max-h-56 overflow-y-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-xs">
          <thead className="sticky top-0 bg-zinc-100 dark:bg-zinc-900">
            <tr><th className="p-1 text-left" colSpan={3}>{t("settings.prices")}</th></tr>
          </thead>
          <tbody>
            {Object.keys(table).sort().map((model) => (
              <tr key={model} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="p-1 font-mono">{model}</td>
                <td className="w-24 p-1"><NumberInput label={t("settings.priceInputOf", { model })} value={table[model].input} min={0} max={10000} step={0.01} onChange={(input) => setPrice(model, { input })} /></td>
                <td className="w-24 p-1"><NumberInput label={t("settings.priceOutputOf", { model })} value={table[model].output} min={0} max={10000} step={0.01} onChange={(output) => setPrice(model, { output })} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex gap-2">
        <input className={inputClass} aria-label={t("settings.priceNewModel")} placeholder="model-name" value={newModel} onChange={(e) => setNewModel(e.target.value)} />
        <button type="button" className="shrink-0 rounded border border-zinc-300 px-2 text-sm dark:border-zinc-700" onClick={() => {
          const name = newModel.trim();
          if (!name) return;
          s.update({ prices: { ...s.prices, [name]: table[name] ?? { input: 0, output: 0 } } });
          setNewModel("");
        }}>
          {t("settings.addPrice")}
        </button>
      </div>
    </div>
  );
}
