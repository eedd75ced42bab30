/**
 * Prompts that ship with the app, in the UI's language. They are read-only and never stored: a
 * user who wants to change one duplicates it. Their ids are stable (`builtin:<key>`), so an
 * exported or duplicated prompt can say where it came from.
 */
import type { Lang } from "@/lib/i18n";
import type { SavedPrompt } from "@/lib/types";
import { BUILTIN_SOURCE } from "./library";
import { builtinsEn } from "./builtins.en";
import { builtinsZhCN } from "./builtins.zh-CN";

export interface BuiltinPrompt {
  key: string;
  name: string;
  systemPrompt: string;
  params?: SavedPrompt["params"];
  starters?: SavedPrompt["starters"];
}

const BY_LANG: Record<Lang, BuiltinPrompt[]> = { en: builtinsEn, "zh-CN": builtinsZhCN };
const cache = new Map<Lang, SavedPrompt[]>();

export function builtinPrompts(lang: Lang): SavedPrompt[] {
  const hit = cache.get(lang);
  if (hit) return hit;
  const list = BY_LANG[lang].map(({ key, ...p }): SavedPrompt => ({ id: `builtin:${key}`, ...p, createdAt: 0, updatedAt: 0, source: BUILTIN_SOURCE }));
  cache.set(lang, list);
  return list;
}
