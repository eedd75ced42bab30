/**
 * What the browser says about this site's storage: space used and available
 * (navigator.storage.estimate) and whether it is persistent (navigator.storage.persisted/persist).
 * Pure derivation and formatting, plus a reader that takes the navigator as an argument so the
 * unit tests can hand it a fake. StorageManager exists only in secure contexts (HTTPS, localhost):
 * on plain http to a LAN address it is missing, and the page has to say so rather than show zeros.
 */

export type PersistState = "granted" | "denied" | "unknown";

export type StorageStatus =
  /** No StorageManager because the page is not a secure context (plain http to a LAN address). */
  | { kind: "insecure" }
  /** A secure context whose browser has no StorageManager (old or unusual browsers). */
  | { kind: "unsupported" }
  | {
      kind: "ok";
      /** null when estimate() is missing or failed. */
      usage: number | null;
      quota: number | null;
      persist: PersistState;
      /** persist() exists, so a button can ask for it. */
      canAsk: boolean;
    };

/** The parts of `navigator` this module reads; all optional, as real browsers differ. */
export interface StorageNavigator {
  storage?: {
    estimate?: () => Promise<{ usage?: number; quota?: number }>;
    persisted?: () => Promise<boolean>;
    persist?: () => Promise<boolean>;
  };
}

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1536 → "1.5 KB"; binary steps (what file managers and DevTools show), one decimal from KB up. */
export function formatBytes(bytes: number, locale = "en"): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.96 KB would print as "1,024.0 KB": round first, then step up if it reached the next unit.
  if (unit > 0 && Math.round(value * 10) / 10 >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return `${text} ${UNITS[unit]}`;
}

/**
 * Share of the quota in use, as a percentage text: "0.4 %". Below 0.1 % it says "< 0.1 %" rather
 * than "0.0 %", which would read as "nothing saved".
 */
export function formatShare(usage: number, quota: number, locale = "en"): string {
  if (!Number.isFinite(usage) || !Number.isFinite(quota) || quota <= 0) return "?";
  const pct = (usage / quota) * 100;
  if (usage > 0 && pct < 0.1) return `< ${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(0.1)} %`;
  const digits = pct >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.min(pct, 100))} %`;
}

/** The figures for the usage line, or null when the browser gave none. */
export function usageFigures(status: StorageStatus, locale = "en"): { used: string; quota: string; share: string } | null {
  if (status.kind !== "ok" || status.usage === null || status.quota === null) return null;
  return { used: formatBytes(status.usage, locale), quota: formatBytes(status.quota, locale), share: formatShare(status.usage, status.quota, locale) };
}

export function persistStateOf(persisted: boolean | null): PersistState {
  return persisted === null ? "unknown" : persisted ? "granted" : "denied";
}

/** Reads the status once; never throws (a failing call leaves its part unknown). */
export async function readStorageStatus(nav: StorageNavigator | undefined, secureContext: boolean): Promise<StorageStatus> {
  const storage = nav?.storage;
  if (!storage) return secureContext ? { kind: "unsupported" } : { kind: "insecure" };
  let usage: number | null = null;
  let quota: number | null = null;
  if (typeof storage.estimate === "function") {
    try {
      const e = await storage.estimate();
      usage = typeof e.usage === "number" ? e.usage : null;
      quota = typeof e.quota === "number" ? e.quota : null;
    } catch {
      /* left unknown */
    }
  }
  let persisted: boolean | null = null;
  if (typeof storage.persisted === "function") {
    try {
      persisted = await storage.persisted();
    } catch {
      /* left unknown */
    }
  }
  return { kind: "ok", usage, quota, persist: persistStateOf(persisted), canAsk: typeof storage.persist === "function" };
}

/**
 * Asks the browser to make this site's storage persistent. Chromium decides on its own (site
 * engagement, an installed app, a bookmark) without a prompt; Firefox asks the user. Returns the
 * new state; "unknown" when the call is missing or fails.
 */
export async function requestPersistence(nav: StorageNavigator | undefined): Promise<PersistState> {
  const persist = nav?.storage?.persist;
  if (typeof persist !== "function") return "unknown";
  try {
    return persistStateOf(await persist.call(nav!.storage));
  } catch {
    return "unknown";
  }
}
