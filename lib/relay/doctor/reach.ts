/**
 * Step 1, "Reachable": did anything answer at the endpoint? On the server a failed connection
 * carries its cause (DNS, refused, TLS, timeout), each with its own fix. In a browser every one of
 * them is the same bare TypeError: there only offline, a CORS refusal and "unreachable" can be
 * told apart (lib/client/network-failure.ts), and the verdict says that it cannot tell more.
 */
import { causes } from "../../upstream/errors";
import type { ConnectFailure, Probe, StepResult } from "./types";

const TLS = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH|ERR_TLS|ERR_SSL|EPROTO$)/;
const KINDS: Array<[ConnectFailure, RegExp]> = [
  ["dns", /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/],
  ["refused", /^ECONNREFUSED$/],
  ["tls", TLS],
  ["timeout", /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/],
  ["reset", /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED)$/],
  ["network", /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/],
];

/** The kind of a thrown server-side connection error, from the codes in its cause chain. */
export function connectFailure(err: unknown): { failure: ConnectFailure; detail?: string } {
  const chain = causes(err);
  if (chain.some((e) => e.name === "TimeoutError")) return { failure: "timeout" };
  const codes = chain.map((e) => e.code).filter((c): c is string => typeof c === "string");
  for (const [failure, re] of KINDS) {
    const code = codes.find((c) => re.test(c));
    if (code) return { failure, detail: code };
  }
  // undici names some TLS failures only in the message.
  const text = chain.map((e) => e.message ?? "").join(" ");
  if (/certificate|ssl|tls/i.test(text)) return { failure: "tls" };
  return { failure: "other", detail: codes[0] };
}

const FIX: Record<ConnectFailure, StepResult["finding"]["key"]> = {
  dns: "reach.fix.dns",
  refused: "reach.fix.refused",
  tls: "reach.fix.tls",
  timeout: "reach.fix.timeout",
  reset: "reach.fix.reset",
  network: "reach.fix.network",
  other: "reach.fix.other",
  offline: "reach.fix.offline",
  cors: "reach.fix.cors",
  unreachable: "reach.fix.unreachable",
};

/** The verdict on the first call to the endpoint (its configured model-list URL, without a key). */
export function reachStep(host: string, probe: Probe, url = ""): StepResult {
  if (probe.ok) {
    return { step: "reach", status: "ok", ms: probe.answer.ms, finding: { key: "reach.ok", values: { host, status: probe.answer.status } } };
  }
  const values = { host, detail: probe.detail ?? "", url };
  // A CORS refusal is a failure too: something answered, but this page can never read it.
  return { step: "reach", status: "fail", ms: probe.ms, finding: { key: `reach.${probe.failure}`, values }, fix: { key: FIX[probe.failure], values } };
}
