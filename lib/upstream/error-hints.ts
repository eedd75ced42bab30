/**
 * Turns an ErrorInfo into what the user reads: a localized title and a hint with the likely cause
 * and the fix. The code decides the text, never the upstream's raw message (which the UI shows
 * separately, verbatim, with the request id, for quoting to a relay's support).
 */
import type { ErrorInfo } from "../errors";
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
