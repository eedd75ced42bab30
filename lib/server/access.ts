import "server-only";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";
import { clientAddress, peerHookActive } from "./client-address";
import { digestCode, getEnv, type ServerEnv } from "./env";
import { LockoutStore } from "./lockout-store";
import { RedisLockouts } from "./redis-lockouts";

/**
 * The access-code gate used by proxy.ts (and by any other entry point, e.g. a node:http fast path).
 *
 * The code travels in the `x-access-code` header only. An `Authorization: Bearer ...` header is
 * never consulted: accepting any bearer token as a way past the code (as NextChat did) would turn
 * the server key into a public one.
 */

export const ACCESS_CODE_HEADER = "x-access-code";

/** Paths anyone may call: the page needs them before it knows a code. */
const OPEN_ENDPOINTS = new Set(["/api/config", "/api/health"]);

export function requiresAccessCode(method: string, pathname: string): boolean {
  const m = method.toUpperCase();
  if ((m === "GET" || m === "HEAD") && OPEN_ENDPOINTS.has(pathname)) return false;
  return true;
}

/**
 * Compares digests in constant time against every configured code. Hashing first gives equal
 * lengths for timingSafeEqual and hides the code's length; looping over all codes without an early
 * exit keeps the time independent of which one matched.
 */
export function codeMatches(candidate: string, digests: readonly Buffer[]): boolean {
  const digest = digestCode(candidate);
  let matched = false;
  for (const ref of digests) {
    if (timingSafeEqual(digest, ref)) matched = true;
  }
  return matched;
}

interface HeaderSource {
  get(name: string): string | null;
}

export interface AccessCheck {
  method: string;
  pathname: string;
  headers: HeaderSource;
  /** The socket's address, when the caller has the socket (the node:http fast path). */
  peerAddress?: string;
  now?: number;
}

const STORE_KEY = Symbol.for("relaychat.lockoutStore");
type Holder = { [STORE_KEY]?: { env: ServerEnv; signature: string; store: LockoutStore } };

/**
 * The process-wide lock-out store: in memory, shared through Redis when REDIS_URL is set. Held on
 * globalThis because fast-server.js, proxy.ts and each route handler are bundled separately and
 * would otherwise each get their own table (and Redis connections). Created at boot, so shared
 * lock-outs load before the first request.
 */
export function accessLockoutStore(env: ServerEnv = getEnv()): LockoutStore {
  const holder = globalThis as Holder;
  const existing = holder[STORE_KEY];
  if (existing?.env === env) return existing.store; // the usual case: the cached env of getEnv()
  const signature = `${env.accessMaxFailures}/${env.accessWindowMs}/${env.redis?.label ?? ""}`;
  if (existing?.signature === signature) {
    existing.env = env;
    return existing.store;
  }
  void existing?.store.close();
  const { accessMaxFailures: maxFailures, accessWindowMs: windowMs } = env;
  const shared = env.redis ? new RedisLockouts(env.redis, { maxFailures, windowMs }) : null;
  const store = new LockoutStore({ maxFailures, windowMs, shared });
  holder[STORE_KEY] = { env, signature, store };
  return store;
}

/**
 * null = let the request through; otherwise the error to answer with (401 or 429). Settles
 * without waiting on anything for a right code from an address already seen; a wrong code waits
 * for the shared count when Redis is in use.
 */
export async function checkAccess(
  { method, pathname, headers, peerAddress, now = Date.now() }: AccessCheck,
  env: ServerEnv = getEnv(),
  lockout: LockoutStore = accessLockoutStore(env),
): Promise<AppError | null> {
  if (!env.codeRequired || !requiresAccessCode(method, pathname)) return null;
  const client = clientAddress(headers, { trustProxyHops: env.trustProxyHops, peerHookActive: peerHookActive(), peerAddress });
  const state = await lockout.check(client, now);
  if (state.locked) return lockedError(state.retryAfterSec);
  const code = headers.get(ACCESS_CODE_HEADER)?.trim();
  if (!code) {
    // Not counted as a failure: the page asks for /api/* before the user typed anything.
    return new AppError({ code: "access_code_required", status: 401, message: "An access code is required" });
  }
  if (codeMatches(code, env.codeDigests)) return null;
  // Logged by the store with the address and count; the code itself is never logged.
  await lockout.fail(client, now);
  return new AppError({ code: "access_code_invalid", status: 401, message: "The access code is not valid" });
}

export class LockedError extends AppError {
  readonly retryAfterSec: number;
  constructor(retryAfterSec: number) {
    super({ code: "access_locked", status: 429, message: `Too many wrong access codes; try again in ${retryAfterSec} s` });
    this.retryAfterSec = retryAfterSec;
  }
}

function lockedError(retryAfterSec: number): LockedError {
  return new LockedError(retryAfterSec);
}

/** The headers of a refused request's answer: Retry-After on a lock-out, WWW-Authenticate on a 401. */
export function accessErrorHeaders(error: AppError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error instanceof LockedError) headers["Retry-After"] = String(error.retryAfterSec);
  if (error.status === 401) headers["WWW-Authenticate"] = 'AccessCode header="x-access-code"';
  return headers;
}

/** The HTTP answer for a refused request, with Retry-After on a lock-out. */
export function accessErrorResponse(error: AppError): Response {
  return error.toResponse(accessErrorHeaders(error));
}
