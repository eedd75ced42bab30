/**
 * Reading a relay's balance from the two billing answers OpenAI once had and one-api / new-api
 * still serve (RELAYS.md "Billing endpoints"):
 *
 * - `GET dashboard/billing/subscription` → `hard_limit_usd`: on one-api the key's (or account's)
 *   remaining + used quota, in USD, or in raw quota units when the relay does not display
 *   currency; 100000000 for an unlimited key; `access_until` the key's expiry (0 = never).
 * - `GET dashboard/billing/usage` → `total_usage`: used quota × 100 (cents, all time).
 *
 * What relays really return besides: errors with HTTP 200 and an `{"error":{...}}` body, OpenAI's
 * 403 (secret keys may not read billing) or 404, an HTML page (a web UI answering every path). The
 * same answers come back through this app's proxy as its own error JSON (`{"error":{"code",
 * "status","message","upstreamMessage"}}`) with the upstream's status; both shapes are read here.
 */

/** One billing answer as received: its HTTP status and body text. */
export interface RawAnswer {
  status: number;
  text: string;
}

export type BalanceState = "ok" | "unlimited" | "error" | "unsupported";

export interface BalanceReading {
  state: BalanceState;
  /** The key's total quota (remaining + used), in USD. */
  totalUsd?: number;
  /** Used so far (all time), in USD. */
  usedUsd?: number;
  /** What is left, in USD. */
  remainingUsd?: number;
  /** The figures were raw one-api quota units, converted at 500000 units = 1 USD: an estimate. */
  approximate?: boolean;
  /** When the key expires (unix seconds); absent when it does not. */
  accessUntil?: number;
  /** For "error": the relay's own message (its request id included). */
  message?: string;
}

/** one-api's default QuotaPerUnit: 500000 quota units = 1 USD. */
export const QUOTA_UNITS_PER_USD = 500_000;
/** What one-api reports as `hard_limit_usd` for a key with unlimited quota. */
export const UNLIMITED_HARD_LIMIT = 100_000_000;
/**
 * Above this, a "USD" figure is taken for raw quota units: no relay key holds $100,000, while
 * 100,000 units are only $0.20. A heuristic (a tiny unit balance still reads as dollars), hence ≈.
 */
const UNITS_THRESHOLD = 100_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The error an answer carries ({"error":{...}} or {"error":"..."}, with any status), if it carries one. */
function errorOf(json: unknown): { message: string; code?: string } | undefined {
  if (!isRecord(json) || json.error === undefined || json.error === null) return undefined;
  const e = json.error;
  if (typeof e === "string") return { message: e };
  if (!isRecord(e)) return { message: "" };
  // Our proxy's shape keeps the relay's own words in upstreamMessage.
  const message = [e.upstreamMessage, e.message].find((m): m is string => typeof m === "string" && m.trim() !== "") ?? "";
  return { message, code: typeof e.code === "string" ? e.code : undefined };
}

type Read = { kind: "json"; json: Record<string, unknown> } | { kind: "error"; message: string } | { kind: "unsupported" };

/** One answer: usable JSON, an error to show, or "this endpoint does not offer billing". */
function readAnswer(answer: RawAnswer): Read {
  const json = parseJson(answer.text);
  const error = errorOf(json);
  // Our own refusal (ENABLE_BALANCE_QUERY off) is an error with a message, not "not offered".
  if (error?.code === "balance_disabled") return { kind: "error", message: error.message };
  if (answer.status === 403 || answer.status === 404 || answer.status === 405) return { kind: "unsupported" };
  if (error) return { kind: "error", message: error.message || `HTTP ${answer.status}` };
  if (answer.status < 200 || answer.status >= 300) return { kind: "error", message: `HTTP ${answer.status}` };
  // A 200 that is not a JSON object (a relay's web page for every path): no billing API here.
  if (!isRecord(json)) return { kind: "unsupported" };
  return { kind: "json", json };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The balance from the subscription answer and, when it was fetched, the usage answer. The
 * subscription decides the state; a failed usage answer only leaves "used" and "remaining" out.
 */
export function parseBalance(subscription: RawAnswer, usage?: RawAnswer | null): BalanceReading {
  const sub = readAnswer(subscription);
  if (sub.kind === "unsupported") return { state: "unsupported" };
  if (sub.kind === "error") return { state: "error", message: sub.message };
  const hard = num(sub.json.hard_limit_usd) ?? num(sub.json.system_hard_limit_usd) ?? num(sub.json.soft_limit_usd);
  if (hard === undefined) return { state: "unsupported" };
  const reading: BalanceReading = { state: hard === UNLIMITED_HARD_LIMIT ? "unlimited" : "ok" };
  const until = num(sub.json.access_until);
  if (until !== undefined && until > 0) reading.accessUntil = until;

  const used = usage ? readAnswer(usage) : undefined;
  const totalUsage = used?.kind === "json" ? num(used.json.total_usage) : undefined;
  const usedRaw = totalUsage === undefined ? undefined : totalUsage / 100;

  // Units are decided once for both figures: one relay setting governs them together.
  const units = reading.state === "unlimited" ? (usedRaw ?? 0) >= UNITS_THRESHOLD : hard >= UNITS_THRESHOLD;
  const usd = (n: number) => round(units ? n / QUOTA_UNITS_PER_USD : n);
  if (units) reading.approximate = true;
  if (usedRaw !== undefined) reading.usedUsd = usd(usedRaw);
  if (reading.state === "unlimited") return reading;

  reading.totalUsd = usd(hard);
  if (reading.usedUsd !== undefined) {
    // Relays report either remaining + used (one-api today) or the remaining quota alone (older
    // builds); used above the total can only be the latter.
    reading.remainingUsd = reading.usedUsd <= reading.totalUsd ? round(reading.totalUsd - reading.usedUsd) : reading.totalUsd;
  }
  return reading;
}
