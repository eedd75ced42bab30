/** This build's identity, inlined by next.config.mjs (scripts/build-info.mjs). */
export interface BuildInfo {
  version: string;
  /** Short commit hash; empty when the build did not know it. */
  commit: string;
  /** Unique per build: a page whose build differs from the server's is out of date. */
  build: string;
}

export const BUILD_INFO: BuildInfo = {
  version: process.env.NEXT_PUBLIC_APP_VERSION ?? "0.0.0",
  commit: process.env.NEXT_PUBLIC_APP_COMMIT ?? "",
  build: process.env.NEXT_PUBLIC_APP_BUILD ?? "dev",
};

/** "0.1.0 (abc123def456)" or "0.1.0". */
export function versionLabel(info: BuildInfo = BUILD_INFO): string {
  return info.commit ? `${info.version} (${info.commit})` : info.version;
}
