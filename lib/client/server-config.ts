/**
 * The server's /api/config as the page reads it, and the copy kept for the next start: when the
 * server cannot be reached (offline, or the app behind nginx is down), the app starts from the
 * copy with its stored conversations instead of an error card.
 */
import { DEFAULT_SERVER_DEFAULTS } from "@/lib/defaults";
import { sanitizeCapabilityTable } from "@/lib/models/capabilities";
import type { ServerConfig } from "@/lib/api-types";
import { safeLocalStorage } from "./safe-local-storage";

const STORED_KEY = "relaychat-config";
/** The proxy's limit before servers reported it in /api/config. */
const LEGACY_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Reads a config defensively: an older server or a proxy in between may leave fields out. */
export function parseServerConfig(raw: unknown): ServerConfig {
  const json = (raw && typeof raw === "object" ? raw : {}) as Partial<Record<keyof ServerConfig, unknown>>;
  const models = Array.isArray(json.models) ? json.models.filter((m): m is ServerConfig["models"][number] => Boolean(m) && typeof (m as { id?: unknown }).id === "string") : [];
  const defaults = json.defaults && typeof json.defaults === "object" ? (json.defaults as Partial<ServerConfig["defaults"]>) : {};
  return {
    codeRequired: Boolean(json.codeRequired),
    upstreamConfigured: Boolean(json.upstreamConfigured),
    allowUserApiKey: json.allowUserApiKey !== false,
    allowModelTitle: json.allowModelTitle !== false,
    balanceQuery: json.balanceQuery === true,
    models,
    defaultModel: typeof json.defaultModel === "string" ? json.defaultModel : "",
    modelsRestricted: json.modelsRestricted === true,
    modelCapabilities: sanitizeCapabilityTable(json.modelCapabilities),
    // An older server does not say: assume the limit it had then.
    maxRequestBytes: typeof json.maxRequestBytes === "number" && json.maxRequestBytes > 0 ? json.maxRequestBytes : LEGACY_MAX_REQUEST_BYTES,
    defaults: { ...DEFAULT_SERVER_DEFAULTS, ...defaults },
    build: typeof json.build === "string" ? json.build : "",
  };
}

/** Keeps the config for a start without the server. It holds nothing secret (it is public). */
export function storeServerConfig(config: ServerConfig, storage: Pick<Storage, "setItem"> | null = safeLocalStorage()): void {
  try {
    storage?.setItem(STORED_KEY, JSON.stringify({ at: Date.now(), config }));
  } catch {
    /* full or blocked: the next offline start shows the error instead */
  }
}

/** The config kept by the last start that reached the server, with when it was read. */
export function readStoredServerConfig(storage: Pick<Storage, "getItem"> | null = safeLocalStorage()): { config: ServerConfig; at: number } | null {
  try {
    const raw = storage?.getItem(STORED_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { at?: unknown; config?: unknown };
    if (!parsed.config || typeof parsed.config !== "object") return null;
    return { config: parseServerConfig(parsed.config), at: typeof parsed.at === "number" ? parsed.at : 0 };
  } catch {
    return null;
  }
}
