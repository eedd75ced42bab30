/**
 * The model list the picker shows: the configured one from /api/config at first, then the live one
 * (fetched after the composer is usable, or on refresh). Not persisted: it is the server's to tell.
 */
import { create } from "zustand";
import type { LiveListStatus, ModelOption } from "@/lib/api-types";
import { fetchModelList } from "@/lib/client/models";
import type { ApiTarget } from "@/lib/client/api";
import { useAccess } from "./access";
import { apiTarget } from "./run-control";

interface ModelsState {
  /** null until a live list was asked for: the picker then shows the configured list. */
  models: ModelOption[] | null;
  restricted: boolean;
  live: LiveListStatus | null;
  loading: boolean;
  /** Which endpoint the list belongs to (server, or an own endpoint): another one asks again. */
  source: string;
  load: (target: ApiTarget, configured: { models: ModelOption[]; defaultModel: string; restricted: boolean }, refresh?: boolean) => Promise<void>;
}

export const sourceKey = (target: ApiTarget) => (target.via === "server" ? "server" : `direct:${target.baseUrl}`);

export const useModels = create<ModelsState>((set, get) => ({
  models: null,
  restricted: false,
  live: null,
  loading: false,
  source: "",
  load: async (target, configured, refresh = false) => {
    const source = sourceKey(target);
    if (get().loading) return;
    set({ loading: true });
    const list = await fetchModelList(target, configured, refresh);
    // A switch of endpoint meanwhile makes this answer stale; the new source asks for its own.
    set({ models: list.models, restricted: list.restricted, live: list.live, loading: false, source });
  },
}));

/** Asks for the list of the endpoint chats go to now (our server, or the user's own). */
export function loadModels(refresh = false): Promise<void> {
  const config = useAccess.getState().config;
  if (!config) return Promise.resolve();
  return useModels.getState().load(apiTarget(), { models: config.models, defaultModel: config.defaultModel, restricted: config.modelsRestricted }, refresh);
}

/** loadModels() unless the list of the current endpoint is already here or on its way. */
export function ensureModels(): void {
  const state = useModels.getState();
  if (state.loading || state.source === sourceKey(apiTarget())) return;
  void loadModels();
}
