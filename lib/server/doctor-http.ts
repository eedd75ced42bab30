import "server-only";
import { fetch as undiciFetch } from "undici";
import { connectFailure } from "../relay/doctor/reach";
import type { Probe } from "../relay/doctor/types";
import { REQUEST_ID_HEADERS } from "../upstream/body";
import type { ServerEnv } from "./env";
import { getDispatcher } from "./upstream";

/**
 * The doctor's calls on the server: the same connection pool and outgoing proxy as the chat's, no
 * redirect followed (it would carry the key elsewhere), a timeout per call, and every outcome
 * (an answer, or why there was none) as a Probe for the steps in lib/relay/doctor/. Never throws.
 */

export interface DoctorCall {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type DoctorHttp = (call: DoctorCall) => Promise<Probe>;

/** A model list with metadata can run to megabytes; nothing else the doctor reads comes close. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads at most `max` bytes of a body as text, then stops reading. */
async function readText(body: ReadableStream<Uint8Array> | null, max = MAX_BODY_BYTES): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size >= max) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return text + decoder.decode();
}

/** A redirect's target as host and path: never its query or credentials. */
function redirectTarget(location: string | null, from: string): string | undefined {
  if (!location) return undefined;
  try {
    const u = new URL(location, from);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

export function doctorHttp(env: Pick<ServerEnv, "outboundProxy">): DoctorHttp {
  const dispatcher = getDispatcher(env);
  return async (call) => {
    const started = performance.now();
    const signal = AbortSignal.timeout(call.timeoutMs);
    try {
      const res = await undiciFetch(call.url, { method: call.method, headers: call.headers, body: call.body, redirect: "manual", dispatcher, signal });
      const ms = Math.round(performance.now() - started);
      const text = await readText(res.body as ReadableStream<Uint8Array> | null);
      const requestId = REQUEST_ID_HEADERS.map((h) => res.headers.get(h)).find(Boolean) ?? undefined;
      const location = redirectTarget(res.headers.get("location"), call.url);
      return { ok: true, answer: { status: res.status, contentType: res.headers.get("content-type") ?? "", text, ms, ...(requestId ? { requestId } : {}), ...(location ? { location } : {}) } };
    } catch (err) {
      const ms = Math.round(performance.now() - started);
      const { failure, detail } = signal.aborted ? { failure: "timeout" as const, detail: `${Math.round(call.timeoutMs / 1000)} s` } : connectFailure(err);
      return { ok: false, failure, ms, ...(detail ? { detail } : {}) };
    }
  };
}
