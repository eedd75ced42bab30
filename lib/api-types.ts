/**
 * Shapes of the JSON our own /api routes answer with (the browser reads these). Errors always use
 * `{ error: ErrorInfo }` from lib/errors.ts.
 */
import type { ModelOption } from "./model-list";
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
  models: ModelOption[];
  /** Always the id of models[0]. */
  defaultModel: string;
  defaults: ServerDefaults;
}

/** POST /api/access: the code in `x-access-code` is right (a wrong one gets 401/429 JSON). */
export interface AccessOk {
  ok: true;
}
