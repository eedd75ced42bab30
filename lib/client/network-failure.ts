/**
 * Explains a `fetch` that threw. In the browser a CORS refusal, a refused connection, an unknown
 * host and being offline all surface as the same bare `TypeError: Failed to fetch`, and the page
 * cannot read why. Two questions tell them apart: `navigator.onLine` (offline), and, for the
 * own-key mode, a `mode: "no-cors"` request to the same URL: it resolves (opaque) when something
 * answered there, so the first failure was the CORS check; it throws when nothing answered.
 */
import { AppError, type ErrorInfo } from "@/lib/errors";

export type Via = "server" | "direct";

export interface NetworkProbe {
  /** false only when the browser knows it is offline. */
  onLine(): boolean;
  /** Whether anything answers at `url`, without reading the answer. */
  reachable(url: string): Promise<boolean>;
}

// A host that swallows packets would otherwise hold the probe as long as the browser allows.
const PROBE_TIMEOUT_MS = 10_000;

export const browserProbe: NetworkProbe = {
  onLine: () => typeof navigator === "undefined" || navigator.onLine !== false,
  async reachable(url) {
    try {
      // GET, no headers and no credentials: a "simple" request that needs no CORS preflight.
      await fetch(url, { mode: "no-cors", cache: "no-store", credentials: "omit", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      return true;
    } catch {
      return false;
    }
  },
};

const detail = (err: unknown) => `Request failed: ${String((err as Error)?.message ?? err)}`;
// The browser's own words (`TypeError: Failed to fetch`), kept as a technical detail: the UI shows
// it as this browser's, never as the upstream's (lib/upstream/error-hints.ts, failedInBrowser).
const browserSaid = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

function offline(err: unknown): AppError {
  return new AppError({ code: "offline", status: 0, message: "The browser is offline", upstreamMessage: browserSaid(err) });
}

/** Without probing: offline, or the generic failure of the path the call took. */
export function networkError(err: unknown, via: Via, probe: Pick<NetworkProbe, "onLine"> = browserProbe): AppError {
  if (!probe.onLine()) return offline(err);
  return new AppError({
    code: via === "direct" ? "direct_unreachable" : "network",
    status: 0,
    message: detail(err),
  });
}

/**
 * The failure of a call that got no response at all. `url` is what was called: for the own-key
 * mode it is probed to tell a CORS refusal from an endpoint that cannot be reached.
 */
export async function explainFetchFailure(err: unknown, via: Via, url: string, probe: NetworkProbe = browserProbe): Promise<AppError> {
  if (!probe.onLine()) return offline(err);
  if (via === "server") return networkError(err, via, probe);
  if (await probe.reachable(url)) {
    return new AppError({ code: "direct_cors", status: 0, message: "The endpoint answered, but does not allow calls from this page (CORS)", upstreamMessage: browserSaid(err) });
  }
  // The probe may have failed because the network went away meanwhile.
  if (!probe.onLine()) return offline(err);
  return new AppError({ code: "direct_unreachable", status: 0, message: "The browser could not connect to the endpoint", upstreamMessage: browserSaid(err) });
}

export type StartNotice = "notice.offlineStart" | "notice.serverUnreachable";

/**
 * The notice of an app that started without its server. The error's own message is English and
 * technical, so the notice names the case in the page's language instead: this device offline (the
 * user's to fix), or a server that does not answer (reachable network, app or proxy down).
 */
export function startNotice(error: Pick<ErrorInfo, "code">): StartNotice {
  return error.code === "offline" ? "notice.offlineStart" : "notice.serverUnreachable";
}
