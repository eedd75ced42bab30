/**
 * Reads the balance of the key in use: the server's through our proxy (only when the server says
 * ENABLE_BALANCE_QUERY is on), or the user's own straight from their endpoint. At most once a
 * minute per key, however often Settings or the Costs panel open; the server keeps its own
 * one-minute cache too (lib/server/billing-cache.ts).
 */
import { parseBalance, type BalanceReading, type RawAnswer } from "@/lib/relay/balance";
import { requestFor, type ApiTarget } from "./api";

export interface BalanceResult {
  reading: BalanceReading;
  /** Date.now() when it was read. */
  readAt: number;
  /**
   * Own-key mode only: the browser could not call the endpoint at all. A CORS refusal and an
   * unreachable host look the same to a page (a bare TypeError), so this says both.
   */
  blocked?: boolean;
}

export const BALANCE_TTL_MS = 60_000;

const cache = new Map<string, { at: number; result: Promise<BalanceResult> }>();

// The own key stays in this page's memory, where the settings already hold it.
const keyOf = (t: ApiTarget) => (t.via === "direct" ? `direct\n${t.baseUrl}\n${t.apiKey}` : "server");

async function get(target: ApiTarget, apiPath: string): Promise<RawAnswer> {
  const { url, headers } = requestFor(target, apiPath);
  // A GET has no body: no Content-Type (one less reason for a CORS preflight to fail).
  delete headers["Content-Type"];
  const res = await fetch(url, { headers, cache: "no-store" });
  return { status: res.status, text: await res.text() };
}

async function read(target: ApiTarget, now: () => number): Promise<BalanceResult> {
  let subscription: RawAnswer;
  try {
    subscription = await get(target, "v1/dashboard/billing/subscription");
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    return { reading: { state: "error", message }, readAt: now(), ...(target.via === "direct" ? { blocked: true } : {}) };
  }
  const reading = parseBalance(subscription);
  // Usage only matters when there is a balance to put it beside.
  if (reading.state !== "ok" && reading.state !== "unlimited") return { reading, readAt: now() };
  const usage = await get(target, "v1/dashboard/billing/usage").catch(() => null);
  return { reading: parseBalance(subscription, usage), readAt: now() };
}

/** The balance for this target, from the last minute's reading when there is one. */
export function readBalance(target: ApiTarget, now: () => number = Date.now): Promise<BalanceResult> {
  const key = keyOf(target);
  const hit = cache.get(key);
  if (hit && now() - hit.at < BALANCE_TTL_MS) return hit.result;
  const result = read(target, now);
  cache.set(key, { at: now(), result });
  return result;
}

/** For tests: forget every reading. */
export function clearBalanceCache(): void {
  cache.clear();
}
