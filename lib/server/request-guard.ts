import "server-only";
import { AppError } from "../errors";

/**
 * Checks made before routing, the access code or the body, on both servers: proxy.ts (server.js,
 * Vercel, `next dev`) and the node:http fast path (server/fast-server.ts, lib/server/node-proxy.ts).
 * Pure: the caller passes the method, path, headers and how many proxies it trusts.
 *
 * - A method the app never answers (TRACE, PROPFIND, ...) is 405 on every path.
 * - A POST to /api/* must say `Content-Type: application/json` (415 otherwise). A cross-site HTML
 *   form or a "simple" fetch can only send text/plain, form or multipart bodies, and a JSON type
 *   needs a CORS preflight, which this server never grants.
 * - A request that may change something (not GET/HEAD/OPTIONS) to /api/* from another site's page
 *   is 403: its `Origin` is not this app's own, or `Sec-Fetch-Site` says cross-site. A request
 *   without `Origin` (curl, scripts, old browsers on same-origin GETs) is not refused for that alone.
 *
 * The app's own origin comes from the `Host` header, or under TRUST_PROXY from the first
 * `X-Forwarded-Host` / `X-Forwarded-Proto` entry (the proxy next to the client; as Express does).
 * A page can set none of these on a cross-site request, so they only need to name this site.
 */

/** The methods the app answers; anything else is refused on every path. */
export const KNOWN_METHODS: readonly string[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** The Allow header of a 405: what this site's pages and API take. */
export const ALLOWED_METHODS = "GET, HEAD, OPTIONS, POST";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * What request-start hook renames TRACE to (see peer-address.ts): Next builds a fetch Request for
 * proxy.ts and route handlers, and fetch forbids TRACE, so Next would answer 500 with a stack
 * trace before any of our code runs. Under this name it reaches proxy.ts, which refuses it.
 */
export const RENAMED_TRACE = "TRACE-REFUSED";

interface HeaderSource {
  get(name: string): string | null;
}

export interface GuardInput {
  method: string;
  pathname: string;
  headers: HeaderSource;
}

export interface GuardOptions {
  /** From TRUST_PROXY: > 0 = take the own origin from X-Forwarded-Host / X-Forwarded-Proto. */
  trustProxyHops: number;
}

export function isKnownMethod(method: string | undefined): boolean {
  return method !== undefined && KNOWN_METHODS.includes(method);
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** `application/json`, with any parameters (charset=utf-8). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  return value.split(";", 1)[0].trim().toLowerCase() === "application/json";
}

export function methodNotAllowed(): AppError {
  return new AppError({ code: "method_not_allowed", status: 405, message: "This method is not allowed" });
}

export function unsupportedMediaType(): AppError {
  return new AppError({ code: "unsupported_media_type", status: 415, message: "POST requests to /api/ must be sent as Content-Type: application/json" });
}

export function forbiddenOrigin(): AppError {
  return new AppError({ code: "forbidden_origin", status: 403, message: "Requests from another site's page are refused" });
}

/** null = go on; otherwise the error to answer with (405, 415 or 403). */
export function guardRequest({ method, pathname, headers }: GuardInput, options: GuardOptions): AppError | null {
  if (!isKnownMethod(method)) return methodNotAllowed();
  if (!isApiPath(pathname) || SAFE_METHODS.has(method)) return null;
  if (method === "POST" && !isJsonContentType(headers.get("content-type"))) return unsupportedMediaType();
  if (headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") return forbiddenOrigin();
  const origin = headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, headers, options)) return forbiddenOrigin();
  return null;
}

/** The headers of a refused request's answer: Allow on a 405. */
export function guardErrorHeaders(error: AppError): Record<string, string> {
  return error.status === 405 ? { Allow: ALLOWED_METHODS } : {};
}

function firstEntry(value: string | null): string | null {
  const first = value?.split(",", 1)[0].trim();
  return first ? first : null;
}

// host, IPv4 or [IPv6], optional port: nothing that could carry a path or credentials into URL.
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9._~%-]+)(?::\d{1,5})?$/i;

/** `host` as an origin's host for `scheme` (lower case, punycode, default port dropped), or null. */
function normalHost(host: string, scheme: string): string | null {
  if (!HOST.test(host)) return null;
  try {
    return new URL(`${scheme}//${host}`).host;
  } catch {
    return null;
  }
}

/**
 * Is `origin` this app's own? Without a trusted proxy the scheme cannot be known (these servers
 * never terminate TLS, but a proxy in front may), so only the host and port are compared there;
 * browsers mark an http page calling its https twin `Sec-Fetch-Site: cross-site` anyway.
 */
export function isOwnOrigin(origin: string, headers: HeaderSource, { trustProxyHops }: GuardOptions): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null" (sandboxed frames, file: pages)
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== origin.toLowerCase().replace(/\/$/, "")) return false;
  let host = headers.get("host");
  let scheme: string | null = null;
  if (trustProxyHops > 0) {
    host = firstEntry(headers.get("x-forwarded-host")) ?? host;
    const proto = firstEntry(headers.get("x-forwarded-proto"))?.toLowerCase();
    if (proto === "http" || proto === "https") scheme = `${proto}:`;
  }
  if (!host) return false;
  if (scheme !== null && scheme !== url.protocol) return false;
  return normalHost(host.trim(), url.protocol) === url.host;
}
