/**
 * The model list the server offers, built from a base list (a modest default list in GET
 * /api/config; the upstream's own /v1/models in GET /api/models, see live-list.ts) plus
 * CUSTOM_MODELS in NextChat's syntax, so a NextChat deployment keeps its setting:
 *
 *   CUSTOM_MODELS="-all,+gpt-4o-mini,qwen-max=通义千问 Max,claude-3-5-sonnet@anthropic,-gpt-4o"
 *
 * - comma-separated, applied left to right;
 * - `name` or `+name` adds (or re-enables) a model, `-name` removes it;
 * - `-all` removes every model listed so far (the base included), `+all` restores the base;
 *   a `-all` that no later `+all` undoes makes the list *restricted*: the proxy then refuses
 *   any other model (lib/server/model-policy.ts);
 * - `name=Display Name` sets a label; `name@provider` is accepted and the provider is dropped from
 *   the id, since every call here goes to one OpenAI-compatible upstream (a label is kept).
 *
 * DEFAULT_MODEL is put first, and added if it is missing.
 */

export interface ModelOption {
  id: string;
  label?: string;
  /** Whether the upstream's /v1/models names it; absent when no live list was read. */
  listed?: boolean;
}

export const DEFAULT_MODELS: readonly ModelOption[] = [
  { id: "gpt-4o-mini" },
  { id: "gpt-4o" },
  { id: "gpt-4.1-mini" },
  { id: "gpt-4.1" },
  { id: "o4-mini" },
  { id: "gpt-5-mini" },
  { id: "gpt-5" },
  { id: "deepseek-chat" },
  { id: "deepseek-reasoner" },
];

/** Used when the configuration leaves no model at all. */
export const FALLBACK_MODEL = "gpt-4o-mini";

interface Token {
  op: "add" | "remove";
  id: string;
  label?: string;
}

function parseToken(raw: string): Token | null {
  let rest = raw.trim();
  if (!rest) return null;
  let op: Token["op"] = "add";
  if (rest.startsWith("+") || rest.startsWith("-")) {
    op = rest[0] === "-" ? "remove" : "add";
    rest = rest.slice(1).trim();
  }
  let label: string | undefined;
  const eq = rest.indexOf("=");
  if (eq >= 0) {
    label = rest.slice(eq + 1).trim() || undefined;
    rest = rest.slice(0, eq).trim();
  }
  const id = stripProvider(rest);
  if (!id) return null;
  return { op, id, label };
}

/** `name@provider` → `name` (a bare `@provider` has no name and becomes ""). */
export function stripProvider(name: string): string {
  const at = name.lastIndexOf("@");
  return (at >= 0 ? name.slice(0, at) : name).trim();
}

export interface ModelList {
  models: ModelOption[];
  defaultModel: string;
  /** CUSTOM_MODELS has a `-all` no later `+all` undoes: only `models` may be used. */
  restricted: boolean;
}

export function buildModelList(customModels: string, defaultModel = "", base: readonly ModelOption[] = DEFAULT_MODELS): ModelList {
  // Insertion order of the Map is the display order.
  const list = new Map<string, ModelOption>(base.map((m) => [m.id, { ...m }]));
  let restricted = false;
  for (const raw of customModels.split(",")) {
    const token = parseToken(raw);
    if (!token) continue;
    const key = token.id.toLowerCase();
    if (key === "all") {
      restricted = token.op === "remove";
      if (token.op === "remove") list.clear();
      else for (const m of base) if (!list.has(m.id)) list.set(m.id, { ...m });
      continue;
    }
    if (token.op === "remove") {
      list.delete(token.id);
      continue;
    }
    const existing = list.get(token.id);
    const option: ModelOption = { id: token.id };
    const label = token.label ?? existing?.label;
    if (label && label !== token.id) option.label = label;
    list.set(token.id, option);
  }
  let models = [...list.values()];
  const wanted = stripProvider(defaultModel.split("=")[0] ?? "");
  const chosen = wanted || models[0]?.id || FALLBACK_MODEL;
  const first = models.find((m) => m.id === chosen) ?? { id: chosen };
  models = [first, ...models.filter((m) => m.id !== chosen)];
  return { models, defaultModel: chosen, restricted };
}
