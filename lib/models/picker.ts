/**
 * The model picker's list logic, apart from React: which family a name belongs to (for grouping),
 * and which options match what was typed. Families follow how relays name models; anything else
 * lands in "other".
 */
import type { ModelOption } from "./model-list";
import { normalizeModelName } from "./model-match";

export const FAMILIES = ["gpt-5", "gpt-4.1", "gpt-4o", "gpt-4", "gpt-3.5", "o-series", "claude", "gemini", "deepseek", "qwen", "glm", "kimi", "grok", "llama", "mistral", "other"] as const;
export type ModelFamily = (typeof FAMILIES)[number];

const RULES: [RegExp, ModelFamily][] = [
  [/^gpt-5/, "gpt-5"],
  [/^gpt-4\.[15]/, "gpt-4.1"],
  [/^(?:gpt-4o|chatgpt-4o)/, "gpt-4o"],
  [/^gpt-?4/, "gpt-4"],
  [/^gpt-3\.5/, "gpt-3.5"],
  [/^o\d(?:$|-)/, "o-series"],
  [/^claude/, "claude"],
  [/^gemini|^gemma/, "gemini"],
  [/deepseek/, "deepseek"],
  [/^qwen|^qwq|^qvq/, "qwen"],
  [/^(?:chat)?glm|^codegeex/, "glm"],
  [/^kimi|^moonshot/, "kimi"],
  [/^grok/, "grok"],
  [/llama/, "llama"],
  [/^(?:mistral|mixtral|codestral|pixtral|magistral|ministral)/, "mistral"],
];

export function familyOf(model: string): ModelFamily {
  const name = normalizeModelName(model);
  for (const [pattern, family] of RULES) if (pattern.test(name)) return family;
  return "other";
}

/** Every word typed must appear in the id or the label, in any case: "4o mini" finds gpt-4o-mini. */
export function filterModels(options: readonly ModelOption[], query: string): ModelOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const text = `${o.id} ${o.label ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export interface ModelGroup {
  family: ModelFamily;
  options: ModelOption[];
}

/** Options grouped by family in FAMILIES order, each group in the list's own order. */
export function groupModels(options: readonly ModelOption[]): ModelGroup[] {
  const groups = new Map<ModelFamily, ModelOption[]>();
  for (const o of options) {
    const family = familyOf(o.id);
    const list = groups.get(family);
    if (list) list.push(o);
    else groups.set(family, [o]);
  }
  return FAMILIES.filter((f) => groups.has(f)).map((family) => ({ family, options: groups.get(family)! }));
}

/** The options in the order the picker shows them (for arrow keys). */
export function flattenGroups(groups: readonly ModelGroup[]): ModelOption[] {
  return groups.flatMap((g) => g.options);
}
