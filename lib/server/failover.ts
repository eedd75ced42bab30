import "server-only";
import { causes } from "../upstream/errors";

/**
 * Endpoint failover, the decisions only (no I/O, the clock injected): which of BASE_URL's
 * endpoints to try in which order, which failures move a request on to the next one, and the
 * cool-down of an endpoint that failed. failover-call.ts runs it around the upstream call on both
 * servers.
 *
 * Only failures before the upstream's first byte count (DESIGN.md: "Failover decides before the
 * first byte only"): a stream that has started belongs to its endpoint, since replaying it
 * elsewhere would bill twice. A relay's own JSON error (401, 403, 429, one-api's 503 "no channel")
 * is an answer, not a failure of the endpoint: it goes to the user and cools nothing down.
 */

export interface FailoverOptions {
  /** First cool-down of a failing endpoint; it doubles with each consecutive failure ... */
  cooldownMs: number;
  /** ... up to this. */
  maxCooldownMs: number;
}

export const DEFAULT_FAILOVER_OPTIONS: FailoverOptions = { cooldownMs: 60_000, maxCooldownMs: 15 * 60_000 };

/** One endpoint as the connection doctor shows it. Host only: never a path, key or credentials. */
export interface EndpointSnapshot {
  host: string;
  state: "ok" | "cooling";
  /** Consecutive failures (0 once it answered again). */
  failures: number;
  /** While cooling: how long until it is tried first again. */
  coolingForMs?: number;
  lastError?: string;
  lastFailureAt?: number;
  lastSuccessAt?: number;
}

/** What changed, for the one log line per transition. */
export type FailoverEvent = { kind: "cooldown"; host: string; ms: number; reason: string } | { kind: "recovered"; host: string };

interface Endpoint {
  host: string;
  failures: number;
  coolUntil: number;
  lastError?: string;
  lastFailureAt?: number;
  lastSuccessAt?: number;
}

/** The host (and port) of a normalised endpoint root; url.host never carries user:password. */
export function endpointHost(root: string): string {
  try {
    return new URL(root).host;
  } catch {
    return "?";
  }
}

export class FailoverState {
  private readonly endpoints: Endpoint[];

  constructor(
    roots: readonly string[],
    private readonly options: FailoverOptions = DEFAULT_FAILOVER_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {
    this.endpoints = roots.map((root) => ({ host: endpointHost(root), failures: 0, coolUntil: 0 }));
  }

  get size(): number {
    return this.endpoints.length;
  }

  /**
   * The endpoints to try, as indexes: those not cooling in configured order, then the cooling ones,
   * soonest back first. When all are cooling they are all still tried: failing without trying
   * would turn a short outage into a long one.
   */
  order(): number[] {
    const now = this.now();
    const ready: number[] = [];
    const cooling: number[] = [];
    this.endpoints.forEach((e, i) => (e.coolUntil <= now ? ready : cooling).push(i));
    cooling.sort((a, b) => this.endpoints[a].coolUntil - this.endpoints[b].coolUntil);
    return ready.concat(cooling);
  }

  /**
   * Endpoint `i` failed before its first byte. It cools down, longer after each consecutive
   * failure; failures of requests that ran while it was already cooling (concurrent ones, or the
   * "all cooling, try anyway" case) do not stretch the cool-down again.
   */
  failed(i: number, reason: string): FailoverEvent | null {
    const e = this.endpoints[i];
    const now = this.now();
    e.lastError = reason;
    e.lastFailureAt = now;
    if (e.coolUntil > now) return null;
    e.failures += 1;
    const ms = Math.min(this.options.cooldownMs * 2 ** Math.min(e.failures - 1, 30), Math.max(this.options.maxCooldownMs, this.options.cooldownMs));
    e.coolUntil = now + ms;
    return { kind: "cooldown", host: e.host, ms, reason };
  }

  /** Endpoint `i` answered (a success, or a relay's own error): it is healthy again. */
  succeeded(i: number): FailoverEvent | null {
    const e = this.endpoints[i];
    e.lastSuccessAt = this.now();
    if (e.failures === 0 && e.coolUntil === 0) return null;
    e.failures = 0;
    e.coolUntil = 0;
    return { kind: "recovered", host: e.host };
  }

  snapshot(): EndpointSnapshot[] {
    const now = this.now();
    return this.endpoints.map((e) => {
      const cooling = e.coolUntil > now;
      const s: EndpointSnapshot = { host: e.host, state: cooling ? "cooling" : "ok", failures: e.failures };
      if (cooling) s.coolingForMs = e.coolUntil - now;
      if (e.lastError !== undefined) s.lastError = e.lastError;
      if (e.lastFailureAt !== undefined) s.lastFailureAt = e.lastFailureAt;
      if (e.lastSuccessAt !== undefined) s.lastSuccessAt = e.lastSuccessAt;
      return s;
    });
  }
}

// ---- is this failure one to move on from?

/** Statuses gateways and CDNs answer when the relay behind them is down or slow (Cloudflare's 52x, 530). */
const GATEWAY_STATUS = new Set([502, 504, 520, 521, 522, 523, 524, 525, 526, 527, 530]);

/**
 * Socket-level failures before any answer: refused, DNS, unreachable, reset, TLS, connect timeout.
 * (An error without one of these codes is not retried: it may be ours, not the endpoint's.)
 */
const NETWORK_CODES =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN|ECONNRESET|EPIPE|ECONNABORTED|ETIMEDOUT|EPROTO|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_CLOSED|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH|ERR_TLS|ERR_SSL)/;

/** The abort reason failover-call.ts gives an attempt that sent no headers in time. */
export class HeaderTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no response headers within ${ms} ms`);
    this.name = "HeaderTimeout";
  }
}

/** Why a thrown upstream call may move on to the next endpoint, or null when it may not. */
export function errorRetryReason(err: unknown): string | null {
  const errors = causes(err);
  const timeout = errors.find((e): e is HeaderTimeout => e instanceof HeaderTimeout);
  if (timeout) return timeout.message;
  const code = errors.map((e) => e.code).find((c): c is string => typeof c === "string" && NETWORK_CODES.test(c));
  return code ?? null;
}

/**
 * Why an answer (status line and headers received) may move on to the next endpoint, or null when
 * it goes to the user: a gateway status, or an HTML page in place of an API error. Success and
 * the relay's own JSON errors are final.
 */
export function responseRetryReason(status: number, contentType: string | null): string | null {
  if (status >= 200 && status < 400) return null;
  if (GATEWAY_STATUS.has(status)) return `HTTP ${status}`;
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) return `HTML page (HTTP ${status})`;
  return null;
}
