/**
 * The upstream's own model list (`GET /v1/models`) read and merged with CUSTOM_MODELS. Pure, so
 * the server (for its upstream) and the browser (own-key mode) read a relay's answer the same way.
 *
 * A relay's list is already filtered to what the key's group may use (RELAYS.md), so when it can be
 * read it replaces the built-in default list as the base CUSTOM_MODELS applies to; when it cannot,
 * the configured list (defaults + CUSTOM_MODELS) stands.
 */
import { buildModelList, DEFAULT_MODELS, type ModelList } from "./model-list";

/** More than any relay serves; a bigger list is cut rather than shipped whole to every browser. */
export const MAX_LIVE_MODELS = 2000;
const MAX_ID_LENGTH = 200;

export type LiveListRead = { ok: true; ids: string[] } | { ok: false; reason: "not_json" | "not_a_list" };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The model ids in a `/v1/models` answer body: OpenAI's `{"object":"list","data":[{"id":...}]}`,
 * and the bare array or `{"models":[...]}` some gateways send. Ids are trimmed and deduplicated;
 * anything that is no printable name (control characters, too long) is skipped.
 */
export function parseModelsBody(text: string): LiveListRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not_json" };
  }
  const items = Array.isArray(json) ? json : isRecord(json) ? (Array.isArray(json.data) ? json.data : Array.isArray(json.models) ? json.models : null) : null;
  if (!items) return { ok: false, reason: "not_a_list" };
  const seen = new Set<string>();
  for (const item of items) {
    const raw = typeof item === "string" ? item : isRecord(item) && typeof item.id === "string" ? item.id : isRecord(item) && typeof item.name === "string" ? item.name : "";
    const id = raw.trim();
    if (!id || id.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f,]/.test(id)) continue;
    seen.add(id);
    if (seen.size >= MAX_LIVE_MODELS) break;
  }
  return { ok: true, ids: [...seen] };
}

/**
 * CUSTOM_MODELS applied over the live list (or over the default list when there is none). Each
 * model says whether the live list names it (`listed`), so the picker can tell a configured name
 * the relay does not list from one it does.
 */
export function mergeLiveModels(live: readonly string[] | null, customModels: string, defaultModel: string): ModelList {
  const base = live ? live.map((id) => ({ id })) : DEFAULT_MODELS;
  const list = buildModelList(customModels, defaultModel, base);
  if (!live) return list;
  const listed = new Set(live);
  return { ...list, models: list.models.map((m) => ({ ...m, listed: listed.has(m.id) })) };
}
