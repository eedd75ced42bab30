"use client";
import type { TitleMode } from "@/lib/types";
import { useSettings, type Language, type Theme } from "@/store/settings";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { Field, inputClass } from "./field";

export function GeneralForm() {
  const t = useT();
  const s = useSettings();
  const allowOwn = useAccess((a) => a.config?.allowUserApiKey !== false);
  const allowModelTitle = useAccess((a) => a.config?.allowModelTitle !== false);
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("settings.language")}>
          <select data-testid="settings-language" className={inputClass} value={s.language} onChange={(e) => s.update({ language: e.target.value as Language })}>
            <option value="auto">{t("settings.languageAuto")}</option>
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label={t("settings.theme")}>
          <select data-testid="settings-theme" className={inputClass} value={s.theme} onChange={(e) => s.update({ theme: e.target.value as Theme })}>
            <option value="system">{t("settings.themeSystem")}</option>
            <option value="light">{t("settings.themeLight")}</option>
            <option value="dark">{t("settings.themeDark")}</option>
          </select>
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t("settings.titleMode")}>
          <select data-testid="settings-title-mode" className={inputClass} value={s.titleMode} onChange={(e) => s.update({ titleMode: e.target.value as TitleMode })}>
            <option value="off">{t("settings.titleOff")}</option>
            <option value="local">{t("settings.titleLocal")}</option>
            {allowModelTitle && <option value="model">{t("settings.titleModel")}</option>}
          </select>
        </Field>
        {s.titleMode === "model" && (
          <Field label={t("settings.titleModelName")}>
            <input data-testid="settings-title-model" list="model-options" className={inputClass} defaultValue={s.titleModel} onChange={(e) => e.target.value.trim() && s.update({ titleModel: e.target.value.trim() })} />
          </Field>
        )}
      </div>
      <fieldset className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input data-testid="settings-own-key" type="checkbox" disabled={!allowOwn} checked={s.own.enabled && allowOwn} onChange={(e) => s.update({ own: { ...s.own, enabled: e.target.checked } })} />
          {t("settings.ownKey")}
        </label>
        <p className="mt-1 text-xs text-zinc-500">{allowOwn ? t("settings.ownKeyHint") : t("settings.ownKeyDisabled")}</p>
        {s.own.enabled && allowOwn && (
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            <Field label={t("settings.baseUrl")}>
              <input data-testid="settings-own-base-url" className={inputClass} defaultValue={s.own.baseUrl} placeholder="https://api.openai.com/v1" onChange={(e) => s.update({ own: { ...useSettings.getState().own, baseUrl: e.target.value.trim() } })} />
            </Field>
            <Field label={t("settings.apiKey")}>
              <input data-testid="settings-own-api-key" type="password" autoComplete="off" className={inputClass} defaultValue={s.own.apiKey} placeholder="sk-..." onChange={(e) => s.update({ own: { ...useSettings.getState().own, apiKey: e.target.value.trim() } })} />
            </Field>
          </div>
        )}
      </fieldset>
    </div>
  );
}
