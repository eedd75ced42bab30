/** Global settings: defaults for new chats, title generator, language, theme, own key, prices. */
import { create } from "zustand";
import type { ChatParams, ModelPrice, TitleMode } from "@/lib/types";
import type { CostSettings } from "@/lib/pricing";
import type { ServerConfig } from "@/lib/api-types";
import { DEFAULT_SERVER_DEFAULTS, FALLBACK_MODEL } from "@/lib/defaults";
import { readLanguageHint } from "@/lib/client/language-hint";
import { type CapabilityTable, sanitizeCapabilityTable } from "@/lib/models/capabilities";

export type Language = "auto" | "en" | "zh-CN";
export type Theme = "system" | "light" | "dark";

export interface OwnEndpoint {
  enabled: boolean;
  apiKey: string;
  baseUrl: string;
}

export interface Settings {
  defaults: ChatParams;
  titleMode: TitleMode;
  titleModel: string;
  language: Language;
  theme: Theme;
  own: OwnEndpoint;
  prices: Record<string, ModelPrice>;
  cost: CostSettings;
  contextWindows: Record<string, number>;
  /** Per-model edits of vision, reasoning and max output (context windows and prices live above). */
  modelCapabilities: CapabilityTable;
  /** Set once the user picks a default model, so the server's DEFAULT_MODEL no longer replaces it. */
  defaultModelChosen: boolean;
}

export const SETTINGS_VERSION = 1;

const { titleMode: _title, ...serverParams } = DEFAULT_SERVER_DEFAULTS;
export const DEFAULT_PARAMS: ChatParams = { model: FALLBACK_MODEL, ...serverParams };

export function defaultSettings(): Settings {
  return {
    defaults: { ...DEFAULT_PARAMS },
    titleMode: "local",
    titleModel: FALLBACK_MODEL,
    language: "auto",
    theme: "system",
    own: { enabled: false, apiKey: "", baseUrl: "https://api.openai.com" },
    prices: {},
    cost: { currency: "USD", usdToCny: 7.2, multiplier: 1 },
    contextWindows: {},
    modelCapabilities: {},
    defaultModelChosen: false,
  };
}

/** Brings a stored settings object of any earlier version up to the current shape. */
export function migrateSettings(stored: unknown): Settings {
  const base = defaultSettings();
  if (!stored || typeof stored !== "object") return base;
  const s = stored as Partial<Settings> & { version?: number };
  return {
    ...base,
    ...s,
    defaults: { ...base.defaults, ...(s.defaults ?? {}) },
    own: { ...base.own, ...(s.own ?? {}) },
    cost: { ...base.cost, ...(s.cost ?? {}) },
    prices: { ...(s.prices ?? {}) },
    contextWindows: { ...(s.contextWindows ?? {}) },
    // Added after version 1: absent in older stores, and read defensively from an import.
    modelCapabilities: sanitizeCapabilityTable(s.modelCapabilities),
  };
}

interface SettingsState extends Settings {
  loaded: boolean;
  update: (patch: Partial<Settings>) => void;
  updateDefaults: (patch: Partial<ChatParams>) => void;
  /** The server's defaults; on a first visit they set everything, later only an unchosen model. */
  applyServerDefaults: (config: ServerConfig, firstVisit: boolean) => void;
  replace: (settings: Settings) => void;
}

export const useSettings = create<SettingsState>((set) => ({
  ...defaultSettings(),
  // The chat shows before storage is read: start in the language chosen last time.
  language: readLanguageHint() ?? "auto",
  loaded: false,
  update: (patch) => set(patch),
  updateDefaults: (patch) =>
    set((s) => ({ defaults: { ...s.defaults, ...patch }, defaultModelChosen: s.defaultModelChosen || "model" in patch })),
  applyServerDefaults: (config, firstVisit) =>
    set((s) => {
      const model = s.defaultModelChosen || !config.defaultModel ? s.defaults.model : config.defaultModel;
      if (!firstVisit) return { defaults: { ...s.defaults, model } };
      const { titleMode, ...params } = config.defaults;
      const allowed = titleMode === "model" && !config.allowModelTitle ? "local" : titleMode;
      return { defaults: { ...s.defaults, ...params, model }, titleMode: allowed };
    }),
  replace: (settings) => set({ ...settings, loaded: true }),
}));

/** The plain settings object (no actions) for saving or exporting. */
export function settingsSnapshot(): Settings {
  const s = useSettings.getState();
  return {
    defaults: s.defaults,
    titleMode: s.titleMode,
    titleModel: s.titleModel,
    language: s.language,
    theme: s.theme,
    own: s.own,
    prices: s.prices,
    cost: s.cost,
    contextWindows: s.contextWindows,
    modelCapabilities: s.modelCapabilities,
    defaultModelChosen: s.defaultModelChosen,
  };
}
