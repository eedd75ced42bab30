import "server-only";
import type { ServerConfig } from "../api-types";
import { DEFAULT_SERVER_DEFAULTS } from "../defaults";
import { buildModelList } from "../model-list";
import { getEnv, type ServerEnv } from "./env";


export function buildServerConfig(env: ServerEnv = getEnv()): ServerConfig {
  const { models, defaultModel } = buildModelList(env.customModels, env.defaultModel);
  return {
    codeRequired: env.codeRequired,
    upstreamConfigured: env.upstreamConfigured,
    allowUserApiKey: !env.hideUserApiKey,
    allowModelTitle: !env.disableModelTitle,
    balanceQuery: env.enableBalanceQuery,
    models,
    defaultModel,
    defaults: { ...DEFAULT_SERVER_DEFAULTS },
  };
}
