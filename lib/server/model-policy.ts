import "server-only";
import { AppError } from "../errors";
import { buildModelList } from "../models/model-list";
import type { ServerEnv } from "./env";

/**
 * Which models the proxy accepts. Only a CUSTOM_MODELS with a standing `-all` restricts: the owner
 * then named every model this server may use, and a typed name must not get around that. Without
 * it any name goes through, so a model the relay serves but does not list still works. The set
 * depends on the env alone (never on the upstream's list), so the check is one Set lookup on the
 * model the body validation already read, computed once per parsed env.
 */
const allowedByEnv = new WeakMap<ServerEnv, ReadonlySet<string> | null>();

export function allowedModels(env: ServerEnv): ReadonlySet<string> | null {
  let allowed = allowedByEnv.get(env);
  if (allowed === undefined) {
    const list = buildModelList(env.customModels, env.defaultModel);
    allowed = list.restricted ? new Set(list.models.map((m) => m.id)) : null;
    allowedByEnv.set(env, allowed);
  }
  return allowed;
}

/** Throws 403 model_not_allowed for a model outside a restricted list. */
export function assertModelAllowed(model: string, env: ServerEnv): void {
  const allowed = allowedModels(env);
  if (!allowed || allowed.has(model)) return;
  throw new AppError({
    code: "model_not_allowed",
    status: 403,
    message: `The model "${model.slice(0, 100)}" is not in this server's model list`,
    model: model.slice(0, 200),
  });
}
