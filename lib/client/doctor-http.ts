/**
 * The doctor's calls from the browser (own-key mode): a fetch per call with a timeout, read into
 * a Probe for lib/relay/doctor's steps. A fetch that throws says nothing about why; the
 * network-failure probe tells offline, a CORS refusal and "unreachable" apart, and no more.
 */
import type { HttpCall } from "@/lib/relay/doctor/driver";
import type { ConnectFailure, Probe } from "@/lib/relay/doctor/types";
import { REQUEST_ID_HEADERS } from "@/lib/upstream/body";
import { browserProbe, explainFetchFailure, type NetworkProbe } from "./network-failure";

const FAILURE: Record<string, ConnectFailure> = { offline: "offline", direct_cors: "cors", direct_unreachable: "unreachable" };

export function browserHttp(probe: NetworkProbe = browserProbe, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  return async (call: HttpCall): Promise<Probe> => {
    const started = performance.now();
    const signal = AbortSignal.timeout(call.timeoutMs);
    try {
      // No redirect is followed: it could carry the key to another host.
      const res = await fetchImpl(call.url, { method: call.method, headers: call.headers, body: call.body, signal, cache: "no-store", credentials: "omit", redirect: "manual" });
      const ms = Math.round(performance.now() - started);
      if (res.type === "opaqueredirect") return { ok: true, answer: { status: 302, contentType: "", text: "", ms } };
      const text = await res.text();
      const requestId = REQUEST_ID_HEADERS.map((h) => res.headers.get(h)).find(Boolean) ?? undefined;
      return { ok: true, answer: { status: res.status, contentType: res.headers.get("content-type") ?? "", text, ms, ...(requestId ? { requestId } : {}) } };
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      if (signal.aborted) return { ok: false, failure: "timeout", ms, detail: `${Math.round(call.timeoutMs / 1000)} s` };
      const explained = await explainFetchFailure(err, "direct", call.url, probe);
      return { ok: false, failure: FAILURE[explained.code] ?? "unreachable", ms };
    }
  };
}
