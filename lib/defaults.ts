/**
 * Starting values of the request parameters, shared by the server (/api/config) and the browser
 * (before the config arrives, or when the server leaves a field out). Conservative: a modest
 * max_tokens and history keep the cost of each message predictable.
 */
import type { ServerDefaults } from "./api-types";

export const DEFAULT_SERVER_DEFAULTS: ServerDefaults = {
  temperature: 0.7,
  top_p: 1,
  max_tokens: 4096,
  presence_penalty: 0,
  frequency_penalty: 0,
  historyCount: 8,
  systemPrompt: "",
  titleMode: "local",
};

/** Used until the server names its default model. */
export const FALLBACK_MODEL = "gpt-4o-mini";
