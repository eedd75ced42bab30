/**
 * UI translation: pick a dictionary, fill `{name}` values. English is always in memory (it is the
 * fallback); another language's dictionary loads on demand (`loadDictionary`), so the first page
 * load carries one language only. The start screen waits for it (lib/client/start-screen.ts).
 */
import { uiEn, type UiKey } from "./ui.en";
import { fill, type Values } from "./fill";

export type Lang = "en" | "zh-CN";
/** Every UI language, English (the fallback) first. */
export const LANGS: readonly Lang[] = ["en", "zh-CN"];

/**
 * The language chosen in Settings, mirrored in a cookie (lib/client/language-hint.ts) so the server
 * can serve the first screen in it (lib/server/first-screen.ts); absent for "follow the browser".
 */
export const LANGUAGE_COOKIE = "relaychat-language";
export type { UiKey };

export type Dictionary = Record<UiKey, string>;
const dictionaries: Partial<Record<Lang, Dictionary>> = { en: uiEn };
const loaders: Record<Exclude<Lang, "en">, () => Promise<Dictionary>> = {
  "zh-CN": () => import("./ui.zh-CN").then((m) => m.uiZhCN),
};
const loading = new Map<Lang, Promise<void>>();
const listeners = new Set<() => void>();

export function hasDictionary(lang: Lang): boolean {
  return dictionaries[lang] !== undefined;
}

/**
 * Puts a dictionary the page already carries in memory (a server-rendered first screen brings the
 * one it was rendered in, so hydration shows the same text without waiting for a fetch).
 */
export function provideDictionary(lang: Lang, dictionary: Dictionary): void {
  if (dictionaries[lang]) return;
  dictionaries[lang] = dictionary;
  // Called while the app renders: listeners hear of it after that render, not during it.
  queueMicrotask(() => {
    for (const listener of listeners) listener();
  });
}

/** Fetches `lang`'s dictionary once; a failed fetch (offline) may be tried again. */
export function loadDictionary(lang: Lang): Promise<void> {
  if (lang === "en" || dictionaries[lang]) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = loaders[lang]().then(
      (dictionary) => {
        dictionaries[lang] = dictionary;
        for (const listener of listeners) listener();
      },
      (err: unknown) => {
        loading.delete(lang);
        throw err;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

/** Called whenever a dictionary arrives; returns the unsubscribe. */
export function subscribeDictionaries(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * In `lang` once its dictionary is in memory, in English until then; `{count|one|other}` choices
 * follow the plural rules of the language the text is in (lib/i18n/fill.ts).
 */
export function translate(lang: Lang, key: UiKey, values?: Values): string {
  const own = dictionaries[lang]?.[key];
  const text = own ?? uiEn[key] ?? key;
  if (!values) return text;
  return fill(own !== undefined ? lang : "en", text, values);
}

/** zh, zh-CN, zh-Hans… read Chinese; everything else gets English. */
export function langFromBrowser(languages: readonly string[] | undefined): Lang {
  const first = languages?.[0] ?? "en";
  return first.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
