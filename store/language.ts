/** The UI language in effect (the setting, or the browser's), and the translation hook. */
import { useCallback } from "react";
import { langFromBrowser, translate, type Lang, type UiKey } from "@/lib/i18n";
import { useSettings, type Language } from "./settings";

// Every component with text resolves the language on each render; reading navigator.languages
// each time showed up in profiles (a long search result list), so the answer is kept until the
// browser says its languages changed.
let browserLang: Lang | null = null;

function fromBrowser(): Lang {
  if (typeof navigator === "undefined") return "en";
  if (browserLang === null) {
    browserLang = langFromBrowser(navigator.languages);
    if (typeof window !== "undefined") window.addEventListener("languagechange", () => (browserLang = null), { once: true });
  }
  return browserLang;
}

function resolve(setting: Language): Lang {
  return setting !== "auto" ? setting : fromBrowser();
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
