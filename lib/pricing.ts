/**
 * What a call costs. Users of relays pay per token and are surprised by how fast it goes, so every
 * billed call shows its cost — but only from a real price: a model without a known or user-set
 * price shows "—", never a made-up number.
 *
 * Prices are vendors' published list prices in USD per 1M tokens (input / output, no cache
 * discounts). Chinese vendors that publish in CNY only (Qwen, GLM, Kimi) are left out on purpose:
 * users set those in Settings. A relay's own multiplier (倍率) is applied through CostSettings.
 */
import { longestPrefixMatch, mergeTables } from "./models/model-match";
import type { ModelPrice } from "./types";

/** When DEFAULT_PRICES were last checked against the vendors' price pages. */
export const PRICES_TAKEN_AT = "2026-11";

const p = (input: number, output: number): ModelPrice => ({ input, output });

// Family prefixes; the longest matching key wins, so dated snapshots find their family.
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  // OpenAI
  "gpt-3.5-turbo": p(0.5, 1.5),
  "gpt-4": p(30, 60),
  "gpt-4-32k": p(60, 120),
  "gpt-4-turbo": p(10, 30),
  "gpt-4-1106": p(10, 30),
  "gpt-4-0125": p(10, 30),
  "gpt-4o": p(2.5, 10),
  "gpt-4o-2024-05-13": p(5, 15),
  "gpt-4o-mini": p(0.15, 0.6),
  "chatgpt-4o": p(5, 15),
  "gpt-4.1": p(2, 8),
  "gpt-4.1-mini": p(0.4, 1.6),
  "gpt-4.1-nano": p(0.1, 0.4),
  "gpt-4.5": p(75, 150),
  "gpt-5": p(1.25, 10),
  "gpt-5-mini": p(0.25, 2),
  "gpt-5-nano": p(0.05, 0.4),
  "gpt-5-pro": p(15, 120),
  o1: p(15, 60),
  "o1-mini": p(1.1, 4.4),
  "o1-pro": p(150, 600),
  o3: p(2, 8),
  "o3-mini": p(1.1, 4.4),
  "o3-pro": p(20, 80),
  "o3-deep-research": p(10, 40),
  "o4-mini": p(1.1, 4.4),
  // DeepSeek (cache-miss input). V3.2 (Sep 2025) cut both models to one price; before that
  // deepseek-chat was 0.27 / 1.10 and deepseek-reasoner 0.55 / 2.19.
  "deepseek-chat": p(0.28, 0.42),
  "deepseek-reasoner": p(0.28, 0.42),
  // Anthropic
  "claude-3-haiku": p(0.25, 1.25),
  "claude-3-opus": p(15, 75),
  "claude-3-5-haiku": p(0.8, 4),
  "claude-3-5-sonnet": p(3, 15),
  "claude-3-7-sonnet": p(3, 15),
  "claude-sonnet-4": p(3, 15),
  "claude-opus-4": p(15, 75),
  "claude-opus-4-5": p(5, 25),
  "claude-haiku-4-5": p(1, 5),
  // Google (prompts up to 200k tokens)
  "gemini-1.5-flash": p(0.075, 0.3),
  "gemini-1.5-pro": p(1.25, 5),
  "gemini-2.0-flash": p(0.1, 0.4),
  "gemini-2.5-flash": p(0.3, 2.5),
  "gemini-2.5-flash-lite": p(0.1, 0.4),
  "gemini-2.5-pro": p(1.25, 10),
  // xAI
  "grok-3": p(3, 15),
  "grok-3-mini": p(0.3, 0.5),
  "grok-4": p(3, 15),
};

const validPrice = (v: ModelPrice | undefined): v is ModelPrice =>
  !!v && Number.isFinite(v.input) && Number.isFinite(v.output) && v.input >= 0 && v.output >= 0;

/** The user's price for the model if set, else the built-in one, else null (unknown). */
export function priceFor(model: string, userPrices?: Record<string, ModelPrice>): ModelPrice | null {
  const user = userPrices && Object.fromEntries(Object.entries(userPrices).filter(([, v]) => validPrice(v)));
  return longestPrefixMatch(model, mergeTables(DEFAULT_PRICES, user))?.value ?? null;
}

export interface CostSettings {
  currency: "USD" | "CNY";
  /** How many CNY one USD buys; users adjust it to their relay's or bank's rate. */
  usdToCny: number;
  /** The relay's ratio to the official price (倍率): 0.5 when it sells at half price. */
  multiplier: number;
}

export const DEFAULT_COST_SETTINGS: CostSettings = { currency: "USD", usdToCny: 7.2, multiplier: 1 };

/** Cost in the settings' currency, or null when the model has no price. */
export function estimateCost(
  usage: { promptTokens: number; completionTokens: number },
  price: ModelPrice | null,
  settings: CostSettings,
): number | null {
  if (!price) return null;
  // A cleared or broken settings field must not zero out or poison every cost shown.
  const multiplier = Number.isFinite(settings.multiplier) && settings.multiplier >= 0 ? settings.multiplier : 1;
  const usd =
    ((Math.max(0, usage.promptTokens) * price.input + Math.max(0, usage.completionTokens) * price.output) / 1_000_000) *
    multiplier;
  if (settings.currency === "USD") return usd;
  const rate = Number.isFinite(settings.usdToCny) && settings.usdToCny > 0 ? settings.usdToCny : DEFAULT_COST_SETTINGS.usdToCny;
  return usd * rate;
}

const TINY = 0.000001;

// Building a NumberFormat costs far more than formatting with one, and costs are shown on every
// render of the preview and the usage lines: one per locale, currency and precision is kept.
const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string, currency: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${decimals}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    currencyFormats.set(key, format);
  }
  return format;
}

/**
 * "$0.00042" rather than "$0.00": a single chat turn often costs a fraction of a cent, and
 * rounding it to zero would hide exactly what users want to see. Below one unit we keep two
 * significant digits; from one unit up, ordinary cents.
 */
export function formatCost(value: number | null, currency: "USD" | "CNY", locale: string): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const fmt = (v: number, decimals: number) => currencyFormat(locale, currency, decimals).format(v);
  const abs = Math.abs(value);
  if (abs === 0) return fmt(0, 2);
  if (abs < TINY) return `<${fmt(TINY, 6)}`;
  if (abs >= 1) return fmt(value, 2);
  const decimals = Math.max(2, Math.ceil(-Math.log10(abs)) + 1);
  return fmt(value, decimals);
}
