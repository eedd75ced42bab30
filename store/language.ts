/** The UI language in effect (the setting, or the browser's), and the translation hook. */
import { useCallback } from "react";
import { langFromBrowser, translate, type Lang, type UiKey } from "@/lib/i18n";
import { useSettings, type Language } from "./settings";

function resolve(setting: Language): Lang {
  if (setting !== "auto") return setting;
  return typeof navigator === "undefined" ? "en" : langFromBrowser(navigator.languages);
}

export function resolvedLanguage(): Lang {
  return resolve(useSettings.getState().language);
}

export function useLang(): Lang {
  return resolve(useSettings((s) => s.language));
}

export function useT() {
  const lang = useLang();
  return useCallback((key: UiKey, values?: Record<string, string | number>) => translate(lang, key, values), [lang]);
}
