/**
 * Reading what an OpenAI-compatible upstream sent back: the error fields of any relay's JSON shape,
 * the <title> of an HTML page, and the relay's request id. Pure and browser-safe (used by the
 * server proxy and by the browser in "own key" mode); see /work/shared/RELAYS.md for the shapes.
 */

interface HeaderGetter {
  get(name: string): string | null;
}

export type HeaderLike = HeaderGetter | Record<string, string | string[] | undefined> | undefined | null;

export function getHeader(headers: HeaderLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as HeaderGetter).get === "function") return (headers as HeaderGetter).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  return undefined;
}

/** The fields of an upstream error, whatever the relay's JSON shape. */
export interface UpstreamErrorFields {
  message?: string;
  code?: string;
  type?: string;
  param?: string;
  requestId?: string;
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v.trim() || undefined : typeof v === "number" ? String(v) : undefined;

function fromObject(o: Record<string, unknown>): UpstreamErrorFields {
  const fields: UpstreamErrorFields = {};
  let message = str(o.message) ?? str(o.msg) ?? str(o.error_msg) ?? str(o.detail);
  if (!message && Array.isArray(o.detail)) {
    message = o.detail.map((d) => (d && typeof d === "object" ? str((d as Record<string, unknown>).msg) : str(d))).filter(Boolean).join("; ") || undefined;
  }
  if (message) fields.message = message;
  const code = str(o.code) ?? str(o.error_code);
  if (code) fields.code = code;
  const type = str(o.type);
  if (type) fields.type = type;
  const param = str(o.param);
  if (param) fields.param = param;
  const requestId = str(o.request_id) ?? str(o.requestId);
  if (requestId) fields.requestId = requestId;
  return fields;
}

/**
 * Finds error fields in parsed JSON. `{"error":{...}}` and `{"error":"text"}` always count; with
 * `loose` (for a non-2xx answer, where the body must be an error) also top-level
 * `{"message"|"msg"|"detail":...}` shapes. A success body (choices, data, object) never counts.
 */
export function findErrorFields(json: unknown, loose = false): UpstreamErrorFields | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const err = o.error;
  if (typeof err === "string" && err.trim()) {
    const f: UpstreamErrorFields = { message: err.trim() };
    const outer = fromObject(o);
    if (outer.code) f.code = outer.code;
    if (outer.requestId) f.requestId = outer.requestId;
    return f;
  }
  if (err && typeof err === "object" && !Array.isArray(err)) {
    const f = fromObject(err as Record<string, unknown>);
    const outer = fromObject(o);
    f.requestId ??= outer.requestId;
    if (!f.message && outer.message) f.message = outer.message;
    return f;
  }
  if (!loose) return null;
  const f = fromObject(o);
  return f.message || f.code ? f : null;
}

/** True when a 2xx JSON body is really an error (`{"error":...}` with a success status). */
export function hasErrorBody(json: unknown): boolean {
  if (!json || typeof json !== "object" || Array.isArray(json)) return false;
  const err = (json as Record<string, unknown>).error;
  return (typeof err === "string" && err.trim() !== "") || (!!err && typeof err === "object");
}

export function tryParseJson(text: string): unknown {
  const t = text.trim();
  if (!t || (t[0] !== "{" && t[0] !== "[")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

export function looksLikeHtml(text: string, contentType = ""): boolean {
  if (/text\/html|application\/xhtml/i.test(contentType)) return true;
  const head = text.trimStart().slice(0, 512);
  return head.startsWith("<") && /<(!doctype|html|head|body|title|center|h1)\b/i.test(head);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", nbsp: " " };

/** The page's <title> (or first <h1>), decoded and on one line. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!m) return undefined;
  const title = m[1]
    .replace(/<[^>]+>/g, "")
    .replace(/&(#?\w+);/g, (all, name: string) => ENTITIES[name.toLowerCase()] ?? all)
    .replace(/\s+/g, " ")
    .trim();
  return title || undefined;
}

/**
 * Request id headers, most specific first. one-api and new-api send X-Oneapi-Request-Id; OpenAI
 * and many gateways send X-Request-Id.
 */
export const REQUEST_ID_HEADERS = ["x-oneapi-request-id", "x-new-api-request-id", "x-request-id", "request-id"] as const;

const REQUEST_ID_IN_MESSAGE = /[(（]\s*request[ _-]?id\s*[:：]\s*([^)）\s]+)\s*[)）]/gi;

/** All `(request id: X)` ids in a message, in order. */
export function requestIdsInMessage(message: string | undefined): string[] {
  if (!message) return [];
  return [...message.matchAll(REQUEST_ID_IN_MESSAGE)].map((m) => m[1]);
}

/**
 * The id a user should quote to their relay's support.
 *
 * one-api and new-api append ` (request id: X)` to a message (common.MessageWithRequestId), and a
 * relay that passes on another relay's error appends its own id after the one already there. So in
 * the chained form `bad response status code 404 (request id: A) (request id: B)` the LAST id, B,
 * belongs to the relay the user talks to; A belongs to a relay further up that the user has no
 * account with. The whole message, with every id, stays in `upstreamMessage`.
 * Without an id in the message, the response headers are used.
 */
export function extractRequestId(message: string | undefined, headers?: HeaderLike, bodyId?: string): string | undefined {
  const ids = requestIdsInMessage(message);
  if (ids.length > 0) return ids[ids.length - 1];
  if (bodyId) return bodyId;
  for (const name of REQUEST_ID_HEADERS) {
    const value = getHeader(headers, name)?.trim();
    if (value) return value.slice(0, 200);
  }
  return undefined;
}

/** Masks anything shaped like a bearer token or API key, should an error message ever echo one. */
export function redactSecrets(text: string): string {
  return text.replace(/(Bearer\s+)\S+/gi, "$1***").replace(/\b(sk|ak|key)-[A-Za-z0-9_-]{6,}/g, "$1-***");
}

/** Keeps what a user can quote without flooding the UI (and without a key in it). */
export function clip(text: string, max = 600): string {
  const t = redactSecrets(text.trim());
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
