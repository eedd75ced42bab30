/**
 * Turns an ErrorInfo into what the user reads: a localized title and a hint with the likely cause
 * and the fix. The code decides the text, never the upstream's raw message (which the UI shows
 * separately, verbatim, with the request id, for quoting to a relay's support).
 */
import type { ErrorCode, ErrorInfo } from "../errors";
import { ERROR_HINTS_EN, type ErrorHint } from "../i18n/error-hints.en";
import { ERROR_HINTS_ZH_CN } from "../i18n/error-hints.zh-CN";

export type HintLang = "en" | "zh-CN";

const TABLES: Record<HintLang, typeof ERROR_HINTS_EN> = { en: ERROR_HINTS_EN, "zh-CN": ERROR_HINTS_ZH_CN };

export function describeError(info: ErrorInfo, lang: HintLang): ErrorHint {
  const table = TABLES[lang] ?? ERROR_HINTS_EN;
  // An ErrorInfo read from an older or newer server may carry a code this build does not know.
  const hint = table[info.code] ?? table.unknown;
  return { title: hint.title, hint: hint.hint };
}

// The request never left this browser (or, for CORS, was refused by it): a raw detail that comes
// with these is the browser's own fetch error, not words of the upstream, and must not be labelled so.
const FAILED_IN_BROWSER = new Set<ErrorCode>(["offline", "network", "direct_cors", "direct_unreachable"]);
// Nothing was wrong with the request itself: the same message sent again once connected succeeds.
const FIXED_BY_RECONNECTING = new Set<ErrorCode>(["offline", "network"]);

export function failedInBrowser(code: ErrorCode): boolean {
  return FAILED_IN_BROWSER.has(code);
}

export function fixedByReconnecting(code: ErrorCode): boolean {
  return FIXED_BY_RECONNECTING.has(code);
}

const STOPS: Record<HintLang, { end: RegExp; stop: string; gap: string }> = {
  en: { end: /[.!?:…]$/, stop: ".", gap: " " },
  "zh-CN": { end: /[。！？：…]$/, stop: "。", gap: "" },
};

/** Sentences written as one text, each ended the way the language ends a sentence (titles have no stop). */
export function joinSentences(parts: string[], lang: HintLang): string {
  const { end, stop, gap } = STOPS[lang] ?? STOPS.en;
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (end.test(p) ? p : p + stop))
    .join(gap);
}

/** The whole explanation as one text (a screen reader's announcement, a one-line status): title, then hint, then `extra`. */
export function errorSentences(info: ErrorInfo, lang: HintLang, extra: string[] = []): string {
  const { title, hint } = describeError(info, lang);
  return joinSentences([title, hint, ...extra], lang);
}
