/**
 * Relaying the upstream's answer to the browser.
 *
 * Non-stream calls: read the whole answer; an error (non-2xx, or a 2xx that is an `{"error"}` body
 * or not JSON) throws an AppError carrying the upstream's status and request id.
 *
 * Streamed calls: the body is piped through chunk by chunk, untouched and unparsed. If the
 * upstream has not answered within `firstBytePingMs`, a 200 SSE response is committed at once and
 * `: ping` comments are sent every `pingIntervalMs` until its first byte arrives (proxies and CDNs
 * cut silent connections; pings are only sent while nothing of the upstream's has been forwarded,
 * so they can never land inside one of its lines). An error after the commit travels as a final
 * `data: {"error":{...}}` event. An idle timer (no byte for `idleTimeoutMs`) aborts the upstream;
 * there is no total timeout. The browser going away aborts the upstream too.
 */
import { AppError } from "../errors";
import { extractRequestId, getHeader, tryParseJson } from "../upstream-body";
import { classifyUpstreamError, hasErrorBody } from "../upstream-error";
import { completionToSse } from "./completion-sse";
import { UpstreamCall, type RelayTimings } from "./upstream-call";

export type { RelayTimings } from "./upstream-call";

/** The part of a fetch Response the relay uses (undici's and the global one both fit). */
export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export type StartUpstream = (signal: AbortSignal) => Promise<UpstreamResponse>;

export interface RelayResult {
  status: number;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | string;
}

export interface RelayOptions {
  stream: boolean;
  clientSignal?: AbortSignal;
  timings: RelayTimings;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};

/** A non-stream answer larger than this is refused rather than buffered. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const encoder = new TextEncoder();
const PING = encoder.encode(": ping\n\n");

function withRequestId(headers: Record<string, string>, res?: UpstreamResponse): Record<string, string> {
  const id = res && extractRequestId(undefined, res.headers);
  return id ? { ...headers, "x-request-id": id } : { ...headers };
}

type Kind = "error" | "json" | "stream";

function kindOf(res: UpstreamResponse): Kind {
  if (res.status < 200 || res.status >= 300) return "error";
  const type = (getHeader(res.headers, "content-type") ?? "").toLowerCase();
  if (type.includes("event-stream")) return "stream";
  if (type.includes("json")) return "json";
  if (type.includes("html")) return "error";
  return "stream"; // some relays stream SSE as text/plain or without a type
}

async function readText(res: UpstreamResponse, call: UpstreamCall): Promise<string> {
  return res.body ? drain(res.body.getReader(), call) : "";
}

/** Reads the rest of a body (after `first`, if given) as text, within MAX_BUFFERED_BYTES. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, call: UpstreamCall, first?: Uint8Array): Promise<string> {
  const chunks: Uint8Array[] = first ? [first] : [];
  let size = first?.byteLength ?? 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    call.touch();
    size += value.byteLength;
    if (size > MAX_BUFFERED_BYTES) {
      await reader.cancel().catch(() => {});
      throw new AppError({ code: "upstream_bad_response", status: 502, message: "The upstream answer is too large to relay" });
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The first non-whitespace byte, or -1. */
function leadingByte(chunk: Uint8Array): number {
  for (const b of chunk) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  return -1;
}

/** Relays one upstream call. Throws AppError for anything that is not a success. */
export async function relayUpstream(start: StartUpstream, options: RelayOptions): Promise<RelayResult> {
  const call = new UpstreamCall(options.timings, options.clientSignal);
  const responseP = start(call.signal).then((res) => {
    call.touch();
    return res;
  });
  // Marked as handled: when the browser leaves before the stream reads it, nobody awaits it.
  responseP.catch(() => {});
  if (!options.stream) {
    try {
      const res = await responseP;
      const text = await readText(res, call);
      const ok = res.status >= 200 && res.status < 300;
      const json = ok ? tryParseJson(text) : undefined;
      // Relays answer billing errors (and sometimes others) with HTTP 200 and an {"error"} body.
      if (!ok || json === undefined || hasErrorBody(json)) throw classifyUpstreamError(res.status, text, res.headers);
      const headers = withRequestId({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }, res);
      return { status: 200, headers, body: text };
    } catch (err) {
      throw err instanceof AppError ? err : call.failure(err, false);
    } finally {
      call.dispose();
    }
  }

  const early = await settleWithin(responseP, options.timings.firstBytePingMs);
  if (early.state === "rejected") {
    call.dispose();
    throw early.error instanceof AppError ? early.error : call.failure(early.error, false);
  }
  if (early.state === "resolved" && kindOf(early.value) !== "stream") {
    // The upstream answered in time with an error or a plain JSON completion: the browser gets a
    // real status for an error, and an SSE rendering of a completion (so it always parses SSE).
    const res = early.value;
    try {
      const text = await readText(res, call);
      const sse = kindOf(res) === "json" ? completionToSse(text) : null;
      if (!sse) throw classifyUpstreamError(res.status, text, res.headers);
      return { status: 200, headers: withRequestId(SSE_HEADERS, res), body: sse };
    } catch (err) {
      throw err instanceof AppError ? err : call.failure(err, false);
    } finally {
      call.dispose();
    }
  }
  const committedEarly = early.state === "pending";
  const headers = withRequestId(SSE_HEADERS, early.state === "resolved" ? early.value : undefined);
  return { status: 200, headers, body: sseBody(responseP, call, options.timings, committedEarly) };
}

type Settled<T> = { state: "resolved"; value: T } | { state: "rejected"; error: unknown } | { state: "pending" };

function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: "pending" }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ state: "resolved", value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ state: "rejected", error });
      },
    );
  });
}

/** Ends at an event boundary? (Pings and error events must not be glued onto a partial line.) */
function endsEvent(tail: string): boolean {
  return tail === "" || tail.endsWith("\n\n") || tail.endsWith("\r\n\r\n") || tail.endsWith("\r\r");
}

function sseBody(responseP: Promise<UpstreamResponse>, call: UpstreamCall, timings: RelayTimings, committedEarly: boolean): ReadableStream<Uint8Array> {
  let upstream: UpstreamResponse | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let forwarded = false;
  let finished = false;
  let tail = "";
  let pingTimer: ReturnType<typeof setTimeout> | undefined;

  const stopPings = () => clearTimeout(pingTimer);
  const schedulePing = (controller: ReadableStreamDefaultController<Uint8Array>, delay: number) => {
    pingTimer = setTimeout(() => {
      if (finished || forwarded) return;
      controller.enqueue(PING);
      schedulePing(controller, timings.pingIntervalMs);
    }, delay);
  };
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, error?: AppError) => {
    if (finished) return;
    finished = true;
    stopPings();
    call.dispose();
    try {
      if (error && !call.clientGone) {
        const gap = endsEvent(tail) ? "" : "\n\n";
        controller.enqueue(encoder.encode(`${gap}data: ${JSON.stringify(error.toBody())}\n\n`));
      }
      controller.close();
    } catch {
      /* the browser is gone: nothing to tell it */
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (committedEarly) {
        controller.enqueue(PING); // flushes the headers through any proxy right away
        schedulePing(controller, timings.pingIntervalMs);
      } else {
        schedulePing(controller, Math.max(0, timings.firstBytePingMs - call.elapsed()));
      }
    },
    async pull(controller) {
      if (finished) return;
      // A whole body that is not a stream: a completion becomes SSE, anything else an error event.
      const settle = (kind: Kind, res: UpstreamResponse, text: string) => {
        const sse = kind === "json" ? completionToSse(text) : null;
        if (!sse) return finish(controller, classifyUpstreamError(res.status, text, res.headers));
        stopPings();
        controller.enqueue(encoder.encode(sse));
        finish(controller);
      };
      try {
        if (!upstream) {
          const res = await responseP;
          const kind = kindOf(res);
          if (kind !== "stream" || !res.body) return settle(kind, res, await readText(res, call));
          upstream = res;
          reader = res.body.getReader();
        }
        const { done, value } = await reader!.read();
        if (done) return finish(controller);
        if (value.byteLength === 0) return;
        call.touch();
        if (!forwarded) {
          // Some relays send a JSON error (or page) under an event-stream content type: sniff the
          // first byte; SSE starts with a field name or a ':' comment, never with '{' or '<'.
          const lead = leadingByte(value);
          if (lead === 0x7b || lead === 0x3c) return settle(lead === 0x7b ? "json" : "error", upstream, await drain(reader!, call, value));
          forwarded = true;
          stopPings();
        }
        tail = (tail + String.fromCharCode(...value.subarray(-4))).slice(-4);
        controller.enqueue(value);
      } catch (err) {
        finish(controller, err instanceof AppError ? err : call.failure(err, forwarded));
      }
    },
    cancel() {
      // The browser disconnected or pressed Stop.
      finished = true;
      stopPings();
      call.abortForClient();
      call.dispose();
      reader?.cancel().catch(() => {});
    },
  });
}
