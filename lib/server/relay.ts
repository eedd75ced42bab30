/**
 * Relaying the upstream's answer to the browser.
 *
 * Non-stream calls: read the whole answer; an error (non-2xx, or a 2xx that is an `{"error"}` body
 * or not JSON) throws an AppError carrying the upstream's status and request id.
 *
 * Streamed calls: the body is piped through chunk by chunk, untouched and unparsed. If the
 * upstream has not answered within `firstBytePingMs`, a 200 SSE response is committed at once and
 * `: ping` comments are sent every `pingIntervalMs` until its first byte arrives (proxies and CDNs
 * cut silent connections). An error after the commit travels as a final `data: {"error":{...}}`
 * event (see sse-relay.ts). An idle timer (no byte for `idleTimeoutMs`) aborts the upstream; there
 * is no total timeout. The browser going away aborts the upstream too.
 *
 * The decisions live in relayWith(), independent of the stream API: relayUpstream() below runs it
 * over web streams (fetch, for the Next route handler), relay-node.ts over Node streams (for the
 * node:http fast path).
 */
import { AppError } from "../errors";
import { extractRequestId, hasErrorBody, tryParseJson } from "../upstream/body";
import { classifyUpstreamError } from "../upstream/errors";
import { completionToSse } from "./completion-sse";
import { kindOf, SseRelay, TextCollector, tooLargeAnswer } from "./sse-relay";
import { type AbortLike, type RelayTimings, UpstreamCall } from "./upstream-call";

export type { RelayTimings } from "./upstream-call";

/** The part of a fetch Response the relay uses (undici's and the global one both fit). */
export interface UpstreamResponse<B = ReadableStream<Uint8Array>> {
  status: number;
  headers: { get(name: string): string | null };
  body: B | null;
}

/**
 * Starts the upstream call; `signal` aborts it (fetch callers turn it into an AbortSignal with
 * toAbortSignal()). `committed` turns true once the relay has opened the stream to the browser
 * (pings), after which failover (failover-call.ts) may no longer move on to another endpoint.
 */
export type StartUpstream<B = ReadableStream<Uint8Array>> = (signal: AbortLike, committed?: () => boolean) => Promise<UpstreamResponse<B>>;

export interface RelayResult<S = ReadableStream<Uint8Array>> {
  status: number;
  headers: Record<string, string>;
  /** A whole answer, or a committed stream. */
  body: S | string;
}

export interface RelayOptions {
  stream: boolean;
  /** Aborts when the browser disconnects. */
  clientSignal?: AbortLike;
  timings: RelayTimings;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};

/** How a relay reads bodies of type B and streams them out as S. */
export interface RelayIO<B, S> {
  /** The whole body as text (within MAX_BUFFERED_BYTES), touching the call on each chunk. */
  readText(res: UpstreamResponse<B>, call: UpstreamCall): Promise<string>;
  /** The committed stream: drives an SseRelay from the upstream's answer once it arrives. */
  stream(responseP: Promise<UpstreamResponse<B>>, call: UpstreamCall, timings: RelayTimings, committedEarly: boolean): S;
}

function withRequestId(headers: Readonly<Record<string, string>>, res?: UpstreamResponse<unknown>): Record<string, string> {
  const id = res && extractRequestId(undefined, res.headers);
  return id ? { ...headers, "x-request-id": id } : { ...headers };
}

/** Relays one upstream call. Throws AppError for anything that is not a success. */
export async function relayWith<B, S>(io: RelayIO<B, S>, start: StartUpstream<B>, options: RelayOptions): Promise<RelayResult<S>> {
  const call = new UpstreamCall(options.timings, options.clientSignal);
  let committed = false;
  const responseP = start(call.signal, () => committed).then((res) => {
    call.touch();
    return res;
  });
  // Marked as handled: when the browser leaves before the stream reads it, nobody awaits it.
  responseP.catch(() => {});
  if (!options.stream) {
    try {
      const res = await responseP;
      const text = await io.readText(res, call);
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
      const text = await io.readText(res, call);
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
  committed = true;
  const headers = withRequestId(SSE_HEADERS, early.state === "resolved" ? early.value : undefined);
  return { status: 200, headers, body: io.stream(responseP, call, options.timings, committedEarly) };
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

// ---- web streams (fetch Response in, ReadableStream out): the Next route handler ----

async function readWebText(res: UpstreamResponse, call: UpstreamCall): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const collector = new TextCollector();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collector.text();
    call.touch();
    if (!collector.add(value)) {
      await reader.cancel().catch(() => {});
      throw tooLargeAnswer();
    }
  }
}

function webStream(responseP: Promise<UpstreamResponse>, call: UpstreamCall, timings: RelayTimings, committedEarly: boolean): ReadableStream<Uint8Array> {
  let relay: SseRelay;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const cancelReader = () => void reader?.cancel().catch(() => {});
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const sink = {
        write(bytes: Uint8Array) {
          controller.enqueue(bytes);
          return (controller.desiredSize ?? 1) > 0;
        },
        end: () => controller.close(),
      };
      relay = new SseRelay(call, timings, sink, cancelReader);
      relay.open(committedEarly);
    },
    // One read per pull; a pull that enqueues nothing (a chunk being collected) is followed by another.
    async pull() {
      try {
        if (!reader) {
          const res = await responseP;
          if (!relay.respond(res, res.body !== null)) return;
          reader = res.body!.getReader();
        }
        if (relay.finished) return;
        const { done, value } = await reader.read();
        if (done) relay.end();
        else relay.chunk(value);
      } catch (err) {
        relay.fail(err);
      }
    },
    cancel() {
      // The browser disconnected or pressed Stop.
      relay.cancel();
      cancelReader();
    },
  });
}

const webIO: RelayIO<ReadableStream<Uint8Array>, ReadableStream<Uint8Array>> = { readText: readWebText, stream: webStream };

/** Relays a fetch-style upstream call as a fetch-style result (the Next route handler). */
export function relayUpstream(start: StartUpstream, options: RelayOptions): Promise<RelayResult> {
  return relayWith(webIO, start, options);
}
