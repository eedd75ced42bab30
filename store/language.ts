/** The UI language in effect (the setting, or the browser's), and the translation hook. */
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { hasDictionary, langFromBrowser, loadDictionary, subscribeDictionaries, translate, type Lang, type UiKey } from "@/lib/i18n";
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

/**
 * The language a server-rendered first screen was rendered in (the one chosen in Settings, from its
 * cookie, or the request's Accept-Language), or null without one. Hydration renders in it, so the
 * page's first render matches the HTML; the page's own answer takes over right after, should it differ.
 */
export const FirstScreenLang = createContext<Lang | null>(null);

function resolve(setting: Language): Lang {
  return setting !== "auto" ? setting : fromBrowser();
}

export function resolvedLanguage(): Lang {
  return resolve(useSettings.getState().language);
}

/** The chosen language, whether or not its dictionary is in memory yet (fetching it if not). */
export function useChosenLang(): { lang: Lang; ready: boolean } {
  // Hydration renders in the first screen's language whatever the stored hint says (a cookie the
  // server did not get, a hint from before the cookie): the page's own choice follows right after.
  const firstScreen = useContext(FirstScreenLang);
  const lang = useSyncExternalStore(
    useSettings.subscribe,
    () => resolve(useSettings.getState().language),
    () => firstScreen ?? resolve(useSettings.getInitialState().language),
  );
  const ready = useSyncExternalStore(subscribeDictionaries, () => hasDictionary(lang), () => hasDictionary(lang));
  const [failed, setFailed] = useState<Lang | null>(null);
  useEffect(() => {
    // A failed fetch (offline without it cached) leaves the page in English; the next start retries.
    if (!ready) void loadDictionary(lang).catch(() => setFailed(lang));
  }, [lang, ready]);
  if (!ready && failed === lang) return { lang: "en", ready: true };
  return { lang, ready };
}

/** The language the UI is shown in: the chosen one once its dictionary is in, English until then. */
export function useLang(): Lang {
  const { lang, ready } = useChosenLang();
  return ready ? lang : "en";
}

export function useT() {
  const lang = useLang();
  return useCallback((key: UiKey, values?: Record<string, string | number>) => translate(lang, key, values), [lang]);
}
