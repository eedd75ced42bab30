/**
 * Reaching the server at start: its config and the saved access code's check. When the server
 * cannot be reached (offline, or the app behind a proxy is down), the app starts from the config
 * the last start kept, with its stored conversations, says so, and tries again once back online.
 * A page whose build differs from the server's is told to reload.
 */
import { checkAccessCode, fetchConfig } from "@/lib/client/api";
import { startNotice, type StartNotice } from "@/lib/client/network-failure";
import { readStoredServerConfig, storeServerConfig } from "@/lib/client/server-config";
import { fetchServerBuild, isOtherBuild, reloadToNewVersion } from "@/lib/client/service-worker";
import { withConfigRetries } from "@/lib/client/config-retry";
import { AppError, type ErrorInfo } from "@/lib/errors";
import type { ServerConfig } from "@/lib/api-types";
import { useAccess } from "./access";
import { useNotices } from "./notices";
import { hadStoredSettings } from "./persist";
import { useSettings } from "./settings";

const START_NOTICES: readonly StartNotice[] = ["notice.offlineStart", "notice.serverUnreachable"];
const NEW_VERSION_NOTICE = "notice.newVersion";
/** How often a page that stays open asks which build the server runs (when it comes back into view). */
const BUILD_CHECK_MS = 5 * 60 * 1000;
const RETRY_MS = 30_000;

function toInfo(err: unknown): ErrorInfo {
  return err instanceof AppError ? err.toInfo() : { code: "network", status: 0, message: String(err) };
}

function offerReload(serverBuild: unknown) {
  if (!isOtherBuild(serverBuild)) return;
  useNotices.getState().push({ kind: "info", key: NEW_VERSION_NOTICE, action: { key: "notice.reload", run: reloadToNewVersion, testId: "reload-new-version" } });
}

async function applyConfig(cfg: ServerConfig, { reached }: { reached: boolean }) {
  useAccess.getState().setConfig(cfg);
  useSettings.getState().applyServerDefaults(cfg, !hadStoredSettings());
  const { code } = useAccess.getState();
  if (!cfg.codeRequired) return useAccess.getState().setVerified(true);
  if (code === "") return useAccess.getState().setVerified(false);
  // Without the server a saved code cannot be checked: trust it until the server can say.
  if (!reached) return useAccess.getState().setVerified(true);
  // A code saved earlier is checked again silently; only a refused one brings the gate back.
  const check = await checkAccessCode(code);
  useAccess.getState().setVerified(check.ok || check.error.code === "network" || check.error.code === "offline");
}

let early: Promise<ServerConfig> | null = null;

/**
 * Asks for the config as soon as the app's code runs, before React hydrates, and says whether a
 * code is needed the moment it arrives: the chat shell can then show before storage is read.
 */
export function askConfigEarly(): Promise<ServerConfig> {
  if (!early) {
    // With nothing stored, a failed first request is an error card: ask again a few times first.
    // With a stored config the app starts from it at once and asks again later (retryUntilReached).
    early = readStoredServerConfig() ? fetchConfig() : withConfigRetries(fetchConfig);
    early.then(
      (cfg) => useAccess.setState({ codeRequired: cfg.codeRequired }),
      () => {
        const stored = readStoredServerConfig();
        if (stored) useAccess.setState({ codeRequired: stored.config.codeRequired });
      },
    );
  }
  return early;
}

/**
 * Resolves once the start is complete (`started` in the access store); throws only when nothing is
 * stored either. The config is asked for at once, beside the storage load (`stored`), and applied after it.
 */
export async function reachServerAtStart(stored: Promise<void>): Promise<void> {
  const asked = askConfigEarly();
  asked.catch(() => undefined);
  await stored;
  try {
    const cfg = await asked;
    storeServerConfig(cfg);
    await applyConfig(cfg, { reached: true });
    offerReload(cfg.build);
  } catch (err) {
    const stored = readStoredServerConfig();
    if (!stored) throw err;
    await applyConfig(stored.config, { reached: false });
    // The error's message is English and technical: it stays as the notice's tooltip only.
    const info = toInfo(err);
    useNotices.getState().push({ kind: "info", key: startNotice(info), detail: info.upstreamMessage ?? info.message });
    retryUntilReached();
  }
}

function retryUntilReached() {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const attempt = async () => {
    timer = null;
    try {
      const cfg = await fetchConfig();
      storeServerConfig(cfg);
      window.removeEventListener("online", now);
      useNotices.setState((s) => ({ notices: s.notices.filter((n) => !(START_NOTICES as readonly string[]).includes(n.key)) }));
      await applyConfig(cfg, { reached: true });
      offerReload(cfg.build);
    } catch {
      timer = setTimeout(attempt, RETRY_MS);
    }
  };
  const now = () => {
    if (timer) clearTimeout(timer);
    void attempt();
  };
  window.addEventListener("online", now);
  timer = setTimeout(attempt, RETRY_MS);
}

/** For a page left open across a deployment: asks the server's build when the page comes back into view. */
export function watchForNewVersion(): void {
  let lastCheck = Date.now();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || Date.now() - lastCheck < BUILD_CHECK_MS) return;
    lastCheck = Date.now();
    void fetchServerBuild().then(offerReload);
  });
}
