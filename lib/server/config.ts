import "server-only";
import type { ServerConfig } from "../api-types";
import { DEFAULT_SERVER_DEFAULTS } from "../defaults";
import { buildModelList } from "../models/model-list";
import { getEnv, type ServerEnv } from "./env";
import { BUILD_INFO } from "../build-info";

export function buildServerConfig(env: ServerEnv = getEnv()): ServerConfig {
  const { models, defaultModel, restricted } = buildModelList(env.customModels, env.defaultModel);
  return {
    codeRequired: env.codeRequired,
    upstreamConfigured: env.upstreamConfigured,
    allowUserApiKey: !env.hideUserApiKey,
    allowModelTitle: !env.disableModelTitle,
    balanceQuery: env.enableBalanceQuery,
    models,
    defaultModel,
    modelsRestricted: restricted,
    modelCapabilities: env.modelCapabilities,
    maxRequestBytes: env.maxRequestBytes,
    defaults: { ...DEFAULT_SERVER_DEFAULTS },
    build: BUILD_INFO.build,
  };
}
