/**
 * The first screen is prerendered twice, once per answer the server alone knows at request time:
 * whether an access code is required. The request interceptor (proxy.ts) serves "/" from the one
 * that fits, so the page's first render already is the chat shell when no code is needed, and the
 * composer is usable once React hydrates, without waiting for /api/config. Both stay static
 * pages: their inline scripts are hashed into the CSP at build time (scripts/csp-hashes.mjs).
 */
export const SHELL_VARIANTS = ["open", "code"] as const;
export type ShellVariant = (typeof SHELL_VARIANTS)[number];

/** The prerendered page "/" is served from. */
export function shellPath(codeRequired: boolean): string {
  return `/shell/${codeRequired ? "code" : "open"}`;
}

/** What a variant tells the first render; null for anything else (the generic "/" that waits for the config). */
export function codeRequiredOf(variant: string | undefined): boolean | null {
  if (variant === "open") return false;
  if (variant === "code") return true;
  return null;
}
