/**
 * Shapes of the JSON our own /api routes answer with (the browser reads these). Errors always use
 * `{ error: ErrorInfo }` from lib/errors.ts.
 */
import type { ErrorInfo } from "./errors";
import type { CapabilityTable } from "./models/capabilities";
import type { ModelOption } from "./models/model-list";
import type { ChatParams, TitleMode } from "./types";

export type { ModelOption };

/** Starting values for a new conversation's parameters (the model comes from `defaultModel`). */
export interface ServerDefaults extends Omit<ChatParams, "model"> {
  titleMode: TitleMode;
}

/** GET /api/config: what the page needs to know before it can chat. Open without an access code. */
export interface ServerConfig {
  /** The server has CODE set: send `x-access-code` with every other /api call. */
  codeRequired: boolean;
  /** The server has an OPENAI_API_KEY: /api/openai/* works. */
  upstreamConfigured: boolean;
  /** false when HIDE_USER_API_KEY is set: the UI must not offer "use my own key". */
  allowUserApiKey: boolean;
  /** false when DISABLE_MODEL_TITLE is set: the UI must not offer titleMode "model". */
  allowModelTitle: boolean;
  /** ENABLE_BALANCE_QUERY is set: the page may show the server key's balance (the billing paths answer). */
  balanceQuery: boolean;
  /** The configured list (defaults + CUSTOM_MODELS); the upstream's own list is GET /api/models. */
  models: ModelOption[];
  /** Always the id of models[0]. */
  defaultModel: string;
  /** CUSTOM_MODELS has a standing -all: the proxy refuses any model outside `models`. */
  modelsRestricted: boolean;
  /** MODEL_CAPABILITIES: the owner's per-model defaults, between the name guess and the user's edits. */
  modelCapabilities: CapabilityTable;
  /** The largest request body the proxy takes (MAX_REQUEST_MB; lower on Vercel): the page keeps requests within it. */
  maxRequestBytes: number;
  defaults: ServerDefaults;
  /** The build the server runs (lib/build-info.ts); a page of another build is out of date. */
  build: string;
}

/** Whether the upstream's /v1/models could be read, and when it was asked. */
export type LiveListStatus = { ok: true; count: number; fetchedAt: number } | { ok: false; error: ErrorInfo; fetchedAt: number };

/** GET /api/models (behind the access code): the live list merged with CUSTOM_MODELS. */
export interface ModelListResponse {
  models: ModelOption[];
  defaultModel: string;
  restricted: boolean;
  live: LiveListStatus;
}

/** POST /api/access: the code in `x-access-code` is right (a wrong one gets 401/429 JSON). */
export interface AccessOk {
  ok: true;
}
