import "server-only";
import type { ModelListResponse } from "../api-types";
import { AppError, type ErrorInfo } from "../errors";
import { ListCache } from "../models/list-cache";
import { mergeLiveModels, parseModelsBody } from "../models/live-list";
import { classifyFetchFailure, classifyUpstreamError } from "../upstream/errors";
import type { ServerEnv } from "./env";
import { exactProxyRoute, readBodyLimited, upstreamHeaders, upstreamUrl } from "./proxy-request";
import type { StartUpstream } from "./relay";
import { fetchUpstream } from "./upstream";
import { LightAbort } from "./upstream-call";

/**
 * GET /api/models: the upstream's `/v1/models` merged with CUSTOM_MODELS (lib/models/live-list.ts).
 * The call goes to BASE_URL's allow-listed models path with the server key, like any proxied call;
 * the answer is cached in memory (a few minutes; a failure for less) and `refresh` asks again
 * unless the last ask was moments ago. Whatever fails, the configured list is still answered,
 * with the reason the live list could not be read.
 */

const TTL_MS = 5 * 60_000;
const ERROR_TTL_MS = 30_000;
const MIN_REFRESH_INTERVAL_MS = 10_000;
/** A model list is no stream: an upstream that takes longer than this is reported, not waited on. */
const FETCH_TIMEOUT_MS = 15_000;
/** OpenRouter-style lists with metadata run to a few MB; more is no model list. */
const MAX_LIST_BYTES = 8 * 1024 * 1024;

type LiveRead = { ok: true; ids: string[] } | { ok: false; error: ErrorInfo };

const NO_HEADERS = { get: () => null };

/** One read of the upstream's list; never throws. `start` is injectable for tests. */
export async function readLiveModels(env: ServerEnv, start?: StartUpstream): Promise<LiveRead> {
  const apiKey = env.upstreamConfigured ? env.apiKey() : undefined;
  if (!apiKey) return { ok: false, error: { code: "not_configured", status: 503, message: "The server has no OPENAI_API_KEY configured" } };
  const route = exactProxyRoute("v1/models")!;
  const request = { url: upstreamUrl(env.baseUrl, route, ""), method: route.method, headers: upstreamHeaders(NO_HEADERS, apiKey, false) };
  const signal = new LightAbort();
  const timer = setTimeout(() => signal.abort(new DOMException("The model list took too long", "TimeoutError")), FETCH_TIMEOUT_MS);
  try {
    const res = await (start ?? fetchUpstream(request, env))(signal);
    const bytes = await readBodyLimited(res.body, res.headers.get("content-length"), MAX_LIST_BYTES);
    const text = new TextDecoder().decode(bytes);
    if (res.status < 200 || res.status >= 300) return { ok: false, error: classifyUpstreamError(res.status, text, res.headers).toInfo() };
    const read = parseModelsBody(text);
    if (read.ok) return read;
    // A 200 carrying an error body, an HTML page, or JSON of another shape.
    const classified = classifyUpstreamError(res.status, text, res.headers).toInfo();
    if (classified.code !== "unknown" && classified.code !== "upstream_server") return { ok: false, error: classified };
    return { ok: false, error: { code: "upstream_bad_response", status: res.status, message: "The upstream's /v1/models answer is not a model list", upstreamMessage: text.slice(0, 200) || undefined } };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toInfo() };
    // Same wording as a failed proxied call: refused, DNS, TLS, timeout.
    return { ok: false, error: classifyFetchFailure(err, { timedOut: signal.aborted }).toInfo() };
  } finally {
    clearTimeout(timer);
  }
}

const HOLDER = Symbol.for("relaychat.modelListCache");
type Holder = { [HOLDER]?: { key: string; cache: ListCache<LiveRead> } };

/** One cache per process and upstream (the route handler and the fast server share globalThis). */
function cacheFor(env: ServerEnv): ListCache<LiveRead> {
  const holder = globalThis as Holder;
  const key = env.baseUrl;
  if (holder[HOLDER]?.key !== key) holder[HOLDER] = { key, cache: new ListCache<LiveRead>({ ttlMs: TTL_MS, errorTtlMs: ERROR_TTL_MS, minIntervalMs: MIN_REFRESH_INTERVAL_MS }) };
  return holder[HOLDER].cache;
}

/** The merged list, from the cache or a new read. `start` is injectable for tests. */
export async function serverModelList(env: ServerEnv, options: { refresh?: boolean; start?: StartUpstream; cache?: ListCache<LiveRead> } = {}): Promise<ModelListResponse> {
  const cache = options.cache ?? cacheFor(env);
  const read = await cache.get(async () => {
    const value = await readLiveModels(env, options.start);
    return { value, failed: !value.ok };
  }, options.refresh);
  const live = read.value;
  const list = mergeLiveModels(live.ok ? live.ids : null, env.customModels, env.defaultModel);
  return {
    ...list,
    live: live.ok ? { ok: true, count: live.ids.length, fetchedAt: Math.round(read.fetchedAt) } : { ok: false, error: live.error, fetchedAt: Math.round(read.fetchedAt) },
  };
}

export { ListCache };
export type { LiveRead };
