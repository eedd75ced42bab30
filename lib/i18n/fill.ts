/**
 * Fills the values of a translated string. `{name}` is replaced by the value. `{name|one|other}`
 * is a choice by the number in `name`, under the plural rules of the string's language: English
 * writes "{count} {count|message|messages}" so that 1 reads "1 message", not "1 messages"; the same
 * choice fits a verb ("{count|is|are}"). Chinese has one form for every number and writes none.
 */

export type Values = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;
const rulesByLang = new Map<string, Intl.PluralRules>();

function pluralRules(lang: string): Intl.PluralRules {
  let rules = rulesByLang.get(lang);
  if (!rules) rulesByLang.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

/**
 * The number a value stands for. Counts often arrive already formatted for display ("4,096"
 * from toLocaleString), so grouping separators are ignored; anything else unreadable is NaN,
 * which every language's rules put in "other".
 */
export function countOf(value: string | number): number {
  if (typeof value === "number") return value;
  const plain = value.replace(/[,\s\u00a0\u202f']/g, "");
  return plain === "" ? Number.NaN : Number(plain);
}

/** `text` with its values put in; a placeholder without a value stays as written. */
export function fill(lang: string, text: string, values: Values): string {
  return text.replace(PLACEHOLDER, (all, name: string, one: string | undefined, other: string | undefined) => {
    if (!(name in values)) return all;
    if (one === undefined || other === undefined) return String(values[name]);
    return pluralRules(lang).select(countOf(values[name])) === "one" ? one : other;
  });
}

/** The names of the `{name}` values a string shows (its choices not counted). */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => m[2] === undefined).map((m) => m[1]);
}

/** The names that `{name|one|other}` choices in a string are made by. */
export function choiceNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => m[2] !== undefined).map((m) => m[1]);
}
