export interface HeaderEntry {
  key: string;
  value: string;
}
export const COMMON_SECURITY_HEADERS: readonly HeaderEntry[];
export const CSP_HEADER: "Content-Security-Policy";
export const UNHASHED_SCRIPT_SOURCES: readonly string[];
export function contentSecurityPolicy(scriptSources: readonly string[]): string;
export function inlineScriptHashes(html: string): string[];
export function setManifestPolicy(manifest: { headers?: { headers?: HeaderEntry[] }[] }, scriptSources: readonly string[]): number;
