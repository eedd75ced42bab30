// What this build is: package.json's version, the commit when it is known, and an id unique to
// the build. next.config.mjs inlines them (NEXT_PUBLIC_APP_*), so the page, /api/health and
// /api/config name the same build, and a page can tell that the server runs a newer one.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function commitFromGit() {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    // No git (a Docker build context leaves .git out): GIT_COMMIT passes it in instead.
    return "";
  }
}

/** @returns {{ version: string, commit: string, build: string }} */
export function buildInfo({ dev = false } = {}) {
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const fromEnv = process.env.GIT_COMMIT || process.env.SOURCE_COMMIT || process.env.VERCEL_GIT_COMMIT_SHA || "";
  const commit = (fromEnv || commitFromGit()).slice(0, 12);
  if (dev) return { version, commit, build: "dev" };
  // next.config is evaluated again in the build's worker processes, which inherit this
  // environment: the first evaluation picks the id and every later one reuses it.
  if (!process.env.RELAYCHAT_BUILD_ID) process.env.RELAYCHAT_BUILD_ID = `${version}-${commit || "nogit"}-${Date.now().toString(36)}`;
  return { version, commit, build: process.env.RELAYCHAT_BUILD_ID };
}
