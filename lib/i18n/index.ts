/** UI translation: pick a dictionary, fill `{name}` values. */
import { uiEn, type UiKey } from "./ui.en";
import { uiZhCN } from "./ui.zh-CN";

export type Lang = "en" | "zh-CN";
export type { UiKey };

const dictionaries: Record<Lang, Record<UiKey, string>> = { en: uiEn, "zh-CN": uiZhCN };

export function translate(lang: Lang, key: UiKey, values?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? uiEn[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** zh, zh-CN, zh-Hans… read Chinese; everything else gets English. */
export function langFromBrowser(languages: readonly string[] | undefined): Lang {
  const first = languages?.[0] ?? "en";
  return first.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
