/**
 * What a model can do and costs: vision (takes image parts), reasoning (thinks before answering),
 * context window, max output and prices. Relays do not say, so the defaults are guessed from the
 * name's family; a relay alias (`gpt4-all`) guesses nothing, so the user can set each flag per
 * model and that edit wins. Order of evidence: the user's edit, then the server owner's defaults
 * (MODEL_CAPABILITIES), then the family guess.
 */
import { contextWindowInfo } from "./models";
import { longestPrefixMatch, normalizeModelName } from "./model-match";
import { priceFor } from "../pricing";
import type { ModelPrice } from "../types";

export interface ModelCapabilities {
  vision: boolean;
  reasoning: boolean;
  contextWindow: number;
  /** null: not known for this family. */
  maxOutput: number | null;
  /** USD per 1M tokens; null: no known price. */
  price: ModelPrice | null;
}

/** A per-model edit (the user's, or the server owner's): only the fields that were set. */
export interface CapabilityOverride {
  vision?: boolean;
  reasoning?: boolean;
  contextWindow?: number;
  maxOutput?: number;
  inputPrice?: number;
  outputPrice?: number;
}
export type CapabilityTable = Record<string, CapabilityOverride>;

// Checked by hand rather than with zod: this module is in the page's first load, and zod would add
// its weight there (lib/server/env.ts validates the owner's MODEL_CAPABILITIES with the same rules).
const FLAG_FIELDS = ["vision", "reasoning"] as const;
export const COUNT_LIMITS = { contextWindow: 100_000_000, maxOutput: 100_000_000 } as const;
export const PRICE_LIMIT = 100_000;
export const CAPABILITY_FIELDS = [...FLAG_FIELDS, "contextWindow", "maxOutput", "inputPrice", "outputPrice"] as const;

/** The override in `value` if every field present is valid (unknown fields are dropped), else null. */
export function readCapabilityOverride(value: unknown): CapabilityOverride | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const out: CapabilityOverride = {};
  for (const f of FLAG_FIELDS) {
    if (v[f] === undefined) continue;
    if (typeof v[f] !== "boolean") return null;
    out[f] = v[f];
  }
  for (const f of ["contextWindow", "maxOutput"] as const) {
    if (v[f] === undefined) continue;
    const n = v[f];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0 || n > COUNT_LIMITS[f]) return null;
    out[f] = n;
  }
  for (const f of ["inputPrice", "outputPrice"] as const) {
    if (v[f] === undefined) continue;
    const n = v[f];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0 || n > PRICE_LIMIT) return null;
    out[f] = n;
  }
  return out;
}

// Checked in order; the first match decides. Names are normalised (lower case, no vendor prefix).
const NO_VISION = [/^gpt-3\.5/, /^gpt-4-(?:0314|0613|32k)/, /^gpt-4$/, /^o1-(?:mini|preview)/, /^o3-mini/, /^claude-(?:2|instant)/, /^gemini-(?:1\.0-)?pro$/, /^deepseek-/, /^qwq/];
const VISION = [
  /^gpt-4o/, /^chatgpt-4o/, /^gpt-4\.1/, /^gpt-4\.5/, /^gpt-5/, /^gpt-4-turbo/, /^gpt-4-vision/, /^o1(?:$|-)/, /^o3(?:$|-)/, /^o4-/,
  /^claude-(?:3|sonnet-4|opus-4|haiku-4|sonnet-|opus-|haiku-)/, /^gemini/, /^grok-(?:4|2-vision)/, /^glm-4(?:\.\d)?v/, /^qwen.*-vl/, /^qvq/,
  /vision/, /(?:^|[-_])vl(?:$|[-_])/, /^llama-3\.2-(?:11|90)b/, /^llama-4/, /^pixtral/, /^kimi-.*vision/,
];
const NO_REASONING = [/^gpt-5-chat/, /^o1-preview-chat/];
const REASONING = [
  /^o[134](?:$|-)/, /^gpt-5/, /^deepseek-reasoner/, /(?:^|[-_])r1(?:$|[-_])/, /^qwq/, /^qvq/, /thinking/, /^gemini-2\.5/, /^gemini-3/,
  /^grok-3-mini/, /^grok-4/, /^claude-3-7/, /^claude-(?:sonnet|opus)-4/, /^glm-4\.[56]/, /^glm-z1/, /^magistral/,
];

// Largest answer a model may write, in tokens; family prefixes, longest match wins.
export const MAX_OUTPUT: Record<string, number> = {
  "gpt-3.5-turbo": 4_096,
  "gpt-4": 8_192,
  "gpt-4-turbo": 4_096,
  "gpt-4o": 16_384,
  "chatgpt-4o": 16_384,
  "gpt-4.1": 32_768,
  "gpt-4.5": 16_384,
  "gpt-5": 128_000,
  "gpt-5-chat": 16_384,
  o1: 100_000,
  "o1-mini": 65_536,
  o3: 100_000,
  "o4-mini": 100_000,
  "deepseek-chat": 8_192,
  "deepseek-reasoner": 64_000,
  "claude-3": 4_096,
  "claude-3-5": 8_192,
  "claude-3-7": 64_000,
  "claude-sonnet-4": 64_000,
  "claude-opus-4": 32_000,
  "claude-haiku-4": 64_000,
  "gemini-1.5": 8_192,
  "gemini-2.0": 8_192,
  "gemini-2.5": 65_536,
  "qwen-max": 8_192,
  "qwen-plus": 32_768,
  "qwen-turbo": 8_192,
  "glm-4": 4_096,
  "glm-4.5": 98_304,
  "glm-4.6": 131_072,
};

const matches = (name: string, patterns: readonly RegExp[]) => patterns.some((p) => p.test(name));

/** The family guess alone, from the name. */
export function guessCapabilities(model: string): ModelCapabilities {
  const name = normalizeModelName(model);
  return {
    vision: !matches(name, NO_VISION) && matches(name, VISION),
    reasoning: !matches(name, NO_REASONING) && matches(name, REASONING),
    contextWindow: contextWindowInfo(model).tokens,
    maxOutput: longestPrefixMatch(model, MAX_OUTPUT)?.value ?? null,
    price: priceFor(model),
  };
}

/** The entry for exactly this model (normalised: case and vendor prefix do not matter). */
export function overrideFor(model: string, table?: CapabilityTable): CapabilityOverride | undefined {
  if (!table) return undefined;
  const name = normalizeModelName(model);
  for (const [key, value] of Object.entries(table)) if (normalizeModelName(key) === name) return value;
  return undefined;
}

function apply(caps: ModelCapabilities, o: CapabilityOverride | undefined): ModelCapabilities {
  if (!o) return caps;
  const price = o.inputPrice !== undefined || o.outputPrice !== undefined ? { input: o.inputPrice ?? caps.price?.input ?? 0, output: o.outputPrice ?? caps.price?.output ?? 0 } : caps.price;
  return {
    vision: o.vision ?? caps.vision,
    reasoning: o.reasoning ?? caps.reasoning,
    contextWindow: o.contextWindow ?? caps.contextWindow,
    maxOutput: o.maxOutput ?? caps.maxOutput,
    price,
  };
}

export interface CapabilitySources {
  /** The server owner's defaults (MODEL_CAPABILITIES, through /api/config). */
  server?: CapabilityTable;
  /** The user's edits for vision, reasoning and max output. */
  user?: CapabilityTable;
  /** The user's context windows and prices, as Settings already keeps them (prefix-matched). */
  contextWindows?: Record<string, number>;
  prices?: Record<string, ModelPrice>;
}

/** Everything known about a model: the guess, then the server's defaults, then the user's edits. */
export function capabilitiesFor(model: string, sources: CapabilitySources = {}): ModelCapabilities {
  let caps = apply(guessCapabilities(model), overrideFor(model, sources.server));
  const window = contextWindowInfo(model, sources.contextWindows);
  if (window.source === "override") caps = { ...caps, contextWindow: window.tokens };
  // A user price counts only when it is the entry the lookup lands on (as lib/pricing.ts decides).
  const userHit = sources.prices ? longestPrefixMatch(model, sources.prices) : undefined;
  if (userHit && priceFor(model, sources.prices) === userHit.value) caps = { ...caps, price: userHit.value };
  return apply(caps, overrideFor(model, sources.user));
}

/** Reads a stored or received table, dropping entries that do not fit (never throws). */
export function sanitizeCapabilityTable(value: unknown): CapabilityTable {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: CapabilityTable = {};
  for (const [key, entry] of Object.entries(value)) {
    const parsed = readCapabilityOverride(entry);
    if (key.trim() && key.length <= 200 && parsed && Object.keys(parsed).length > 0) out[key.trim()] = parsed;
  }
  return out;
}
