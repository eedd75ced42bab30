/**
 * The service worker from the page's side: registers it (per build, see public/sw.js), and tells
 * the page when a newer build is being served, so it can offer "new version — reload" instead of
 * running stale code. Service workers need a secure context (HTTPS or localhost); elsewhere the
 * browser has no `navigator.serviceWorker` and this does nothing, which Settings → About says.
 */
import { BUILD_INFO } from "@/lib/build-info";

export type OfflineSupport = "ready" | "installing" | "insecure" | "unsupported" | "off";

export function offlineSupport(): OfflineSupport {
  if (typeof window === "undefined") return "unsupported";
  if (!window.isSecureContext) return "insecure";
  if (!("serviceWorker" in navigator)) return "unsupported";
  if (BUILD_INFO.build === "dev") return "off";
  return navigator.serviceWorker.controller ? "ready" : "installing";
}

/** Registers this build's worker; resolves false where service workers cannot run. */
export async function registerServiceWorker(): Promise<boolean> {
  const support = offlineSupport();
  if (support !== "ready" && support !== "installing") return false;
  try {
    await navigator.serviceWorker.register(`/sw.js?build=${encodeURIComponent(BUILD_INFO.build)}`, { scope: "/" });
    return true;
  } catch {
    // Blocked by the browser or a policy: the app works as before, only not offline.
    return false;
  }
}

/** true when `serverBuild` (from /api/health or /api/config) is another build than this page's. */
export function isOtherBuild(serverBuild: unknown): boolean {
  return typeof serverBuild === "string" && serverBuild !== "" && serverBuild !== BUILD_INFO.build && BUILD_INFO.build !== "dev";
}

/** The build the server runs now, or null when it cannot be asked. */
export async function fetchServerBuild(): Promise<string | null> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    if (!res.ok) return null;
    const json = (await res.json()) as { build?: unknown };
    return typeof json.build === "string" ? json.build : null;
  } catch {
    return null;
  }
}

/** Loads the new version: navigations go to the network first, so a reload is enough. */
export function reloadToNewVersion(): void {
  window.location.reload();
}
