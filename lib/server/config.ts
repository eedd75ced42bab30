import "server-only";
import type { ServerConfig, ServerDefaults } from "../api-types";
import { buildModelList } from "../model-list";
import { getEnv, type ServerEnv } from "./env";

// Conservative defaults: a modest max_tokens and history keep per-message cost predictable.
export const DEFAULT_PARAMS: ServerDefaults = {
  temperature: 0.7,
  top_p: 1,
  max_tokens: 4096,
  presence_penalty: 0,
  frequency_penalty: 0,
  historyCount: 8,
  systemPrompt: "",
  titleMode: "local",
};

export function buildServerConfig(env: ServerEnv = getEnv()): ServerConfig {
  const { models, defaultModel } = buildModelList(env.customModels, env.defaultModel);
  return {
    codeRequired: env.codeRequired,
    upstreamConfigured: env.upstreamConfigured,
    allowUserApiKey: !env.hideUserApiKey,
    allowModelTitle: !env.disableModelTitle,
    models,
    defaultModel,
    defaults: { ...DEFAULT_PARAMS },
  };
}
