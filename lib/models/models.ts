/**
 * Facts about models that the API does not tell us: the context window, needed to trim history
 * before a send instead of letting the upstream answer "context_length_exceeded" (and bill for
 * it on some relays). Values are the vendors' published limits as of late 2025; relays serve the
 * same models under the same names. Anything not listed gets a conservative default and is
 * flagged through isKnownModel so the UI can ask the user to set the real value.
 */
import { longestPrefixMatch, mergeTables, normalizeModelName } from "./model-match";

/** Used for models we know nothing about: small enough that most current models accept it. */
export const DEFAULT_CONTEXT_WINDOW = 32_768;

// Keys are family prefixes; the longest matching key wins (see lib/models/model-match.ts).
export const CONTEXT_WINDOWS: Record<string, number> = {
  // OpenAI
  "gpt-3.5-turbo": 16_385,
  "gpt-3.5-turbo-instruct": 4_096,
  "gpt-4": 8_192,
  "gpt-4-32k": 32_768,
  "gpt-4-turbo": 128_000,
  "gpt-4-1106": 128_000,
  "gpt-4-0125": 128_000,
  "gpt-4-vision": 128_000,
  "gpt-4o": 128_000,
  "gpt-4o-mini": 128_000,
  "chatgpt-4o": 128_000,
  "gpt-4.1": 1_047_576,
  "gpt-4.5": 128_000,
  "gpt-5": 400_000,
  // The chat-tuned GPT-5 snapshots are served with the smaller ChatGPT window.
  "gpt-5-chat": 128_000,
  o1: 200_000,
  "o1-mini": 128_000,
  "o1-preview": 128_000,
  o3: 200_000,
  "o4-mini": 200_000,
  // DeepSeek: 64k until V3.1 (Aug 2025); the API's deepseek-chat/-reasoner now serve 128k.
  "deepseek-chat": 128_000,
  "deepseek-reasoner": 128_000,
  "deepseek-v3": 128_000,
  "deepseek-r1": 128_000,
  // Anthropic: 200k for every Claude 3+ model (1M for Sonnet 4 is an opt-in beta).
  "claude-": 200_000,
  "claude-2": 100_000,
  // Google
  "gemini-": 1_048_576,
  "gemini-1.5-pro": 2_097_152,
  "gemini-pro": 32_760,
  "gemini-1.0": 32_760,
  // Alibaba Qwen (DashScope names); open-weight Qwen2.5/Qwen3 as relays usually serve them.
  qwen: 32_768,
  "qwen-max": 32_768,
  "qwen-plus": 131_072,
  "qwen-turbo": 131_072,
  "qwen-long": 10_000_000,
  "qwen2.5": 131_072,
  qwen3: 131_072,
  // Zhipu GLM
  "glm-4": 128_000,
  "glm-4v": 8_192,
  "glm-4-long": 1_000_000,
  "glm-4.6": 200_000,
  // Moonshot / Kimi (moonshot-v1-8k/32k/128k are caught by the size in the name)
  "kimi-k2": 131_072,
  // Others commonly offered by relays
  "grok-3": 131_072,
  "grok-4": 256_000,
  "mistral-large": 128_000,
  "llama-3.1": 131_072,
  "llama-3.3": 131_072,
};

export type ContextWindowSource = "override" | "table" | "name" | "default";

/** The window and where the number came from, so the UI can say "assumed" for "default". */
export function contextWindowInfo(
  model: string,
  overrides?: Record<string, number>,
): { tokens: number; source: ContextWindowSource } {
  // Ignore nonsense a settings form might store (0, negative, NaN).
  const user = Object.fromEntries(
    Object.entries(overrides ?? {}).filter(([k, v]) => normalizeModelName(k) && Number.isFinite(v) && v > 0),
  );
  const userKeys = new Set(Object.keys(user).map(normalizeModelName));
  const hit = longestPrefixMatch(model, mergeTables(CONTEXT_WINDOWS, user));
  if (hit) {
    const source = userKeys.has(normalizeModelName(hit.key)) ? "override" : "table";
    return { tokens: Math.floor(hit.value), source };
  }
  // Names like "moonshot-v1-128k" or "yi-34b-chat-200k" state their window.
  const sized = /(?:^|[-_])(\d{1,4})k(?:$|[-_])/.exec(normalizeModelName(model));
  if (sized) return { tokens: Number(sized[1]) * 1024, source: "name" };
  return { tokens: DEFAULT_CONTEXT_WINDOW, source: "default" };
}

export function contextWindowFor(model: string, overrides?: Record<string, number>): number {
  return contextWindowInfo(model, overrides).tokens;
}

/** False when the window is only the fallback guess (DEFAULT_CONTEXT_WINDOW). */
export function isKnownModel(model: string, overrides?: Record<string, number>): boolean {
  return contextWindowInfo(model, overrides).source !== "default";
}
