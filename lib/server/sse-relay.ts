/**
 * The committed part of a streamed answer (status 200 and SSE headers already sent), independent of
 * the stream API on either side: relay.ts drives it from a web ReadableStream for the Next route
 * handler, relay-node.ts from a Node stream for the node:http fast path. Push-based: the driver
 * hands over the upstream's head, then each chunk, then the end or an error; the relay writes to
 * a sink and says when the sink is full, so the driver can pause the upstream (back-pressure).
 *
 * Chunks are forwarded untouched and unparsed. Only the first one is looked at: some relays send a
 * JSON error (or an HTML page) under an event-stream content type, and SSE never starts with '{'
 * or '<'. `: ping` comments are sent while nothing of the upstream's has been forwarded, so they
 * can never land inside one of its lines; an error after the commit travels as a final
 * `data: {"error":{...}}` event, placed at an event boundary.
 */
import { AppError } from "../errors";
import { getHeader, type HeaderLike } from "../upstream/body";
import { classifyUpstreamError } from "../upstream/errors";
import { completionToSse } from "./completion-sse";
import type { RelayTimings, UpstreamCall } from "./upstream-call";

/** The upstream's status line and headers. */
export interface ResponseHead {
  status: number;
  headers: HeaderLike;
}

export type Kind = "error" | "json" | "stream";

/** What an answer is, from its status and content type. */
export function kindOf(res: ResponseHead): Kind {
  if (res.status < 200 || res.status >= 300) return "error";
  const type = (getHeader(res.headers, "content-type") ?? "").toLowerCase();
  if (type.includes("event-stream")) return "stream";
  if (type.includes("json")) return "json";
  if (type.includes("html")) return "error";
  return "stream"; // some relays stream SSE as text/plain or without a type
}

/** A non-stream answer (or an error body) larger than this is refused rather than buffered. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export function tooLargeAnswer(): AppError {
  return new AppError({ code: "upstream_bad_response", status: 502, message: "The upstream answer is too large to relay" });
}

/** Collects a whole body as text, refusing it past MAX_BUFFERED_BYTES. */
export class TextCollector {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  /** Returns false when the body has grown too large (the caller stops reading and fails). */
  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > MAX_BUFFERED_BYTES) return false;
    this.chunks.push(chunk);
    return true;
  }

  text(): string {
    return new TextDecoder().decode(Buffer.concat(this.chunks));
  }
}

/** The first non-whitespace byte, or -1. */
function leadingByte(chunk: Uint8Array): number {
  for (const b of chunk) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  return -1;
}

/** Ends at an event boundary? (Pings and error events must not be glued onto a partial line.) */
function endsEvent(tail: string): boolean {
  return tail === "" || tail.endsWith("\n\n") || tail.endsWith("\r\n\r\n") || tail.endsWith("\r\r");
}

const encoder = new TextEncoder();
export const PING = encoder.encode(": ping\n\n");

export interface SseSink {
  /** Sends bytes to the browser; false = it is full, pause the upstream until the driver's drain. */
  write(bytes: Uint8Array): boolean;
  /** Ends the response. */
  end(): void;
}

export class SseRelay {
  /** Done: ended, failed or cancelled. Nothing more is written. */
  finished = false;
  private head: ResponseHead | undefined;
  private kind: Kind = "stream";
  /** Set when the body is a whole answer to read (not a stream to forward). */
  private collector: TextCollector | undefined;
  private forwarded = false;
  /** The last forwarded chunk, and the tail of what came before it when it is shorter than 4 bytes. */
  private lastChunk: Uint8Array | undefined;
  private tailBefore = "";
  private pingTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param stopUpstream cancels the upstream body (called when the relay gives up on it early).
   */
  constructor(
    private readonly call: UpstreamCall,
    private readonly timings: RelayTimings,
    private readonly sink: SseSink,
    private readonly stopUpstream: () => void,
  ) {}

  /** Starts the pings: at once if the stream was committed because the upstream was slow. */
  open(committedEarly: boolean): void {
    if (committedEarly) {
      this.sink.write(PING); // flushes the headers through any proxy right away
      this.schedulePing(this.timings.pingIntervalMs);
    } else {
      this.schedulePing(Math.max(0, this.timings.firstBytePingMs - this.call.elapsed()));
    }
  }

  /** The upstream answered. Returns false when no body should be fed (the relay has finished). */
  respond(head: ResponseHead, hasBody: boolean): boolean {
    if (this.finished) return false;
    this.call.touch();
    this.head = head;
    this.kind = kindOf(head);
    // A whole body that is not a stream: a completion becomes SSE, anything else an error event.
    if (this.kind !== "stream" || !hasBody) this.collector = new TextCollector();
    if (!hasBody) this.end();
    return !this.finished;
  }

  /** One chunk of the upstream body. Returns false when the sink is full. */
  chunk(value: Uint8Array): boolean {
    if (this.finished || value.byteLength === 0) return true;
    this.call.touch();
    if (this.collector) {
      if (this.collector.add(value)) return true;
      this.stopUpstream();
      this.finish(tooLargeAnswer());
      return true;
    }
    if (!this.forwarded) {
      const lead = leadingByte(value);
      if (lead === 0x7b || lead === 0x3c) {
        this.kind = lead === 0x7b ? "json" : "error";
        this.collector = new TextCollector();
        this.collector.add(value);
        return true;
      }
      this.forwarded = true;
      this.stopPings();
    }
    // Only remembered: the tail is worked out if an error event needs it (no work per chunk).
    if (value.byteLength < 4) this.tailBefore = this.tail();
    this.lastChunk = value;
    return this.sink.write(value);
  }

  /** The upstream body ended cleanly. */
  end(): void {
    if (this.finished) return;
    if (!this.collector) return this.finish();
    const text = this.collector.text();
    const sse = this.kind === "json" ? completionToSse(text) : null;
    if (!sse) return this.finish(classifyUpstreamError(this.head!.status, text, this.head!.headers));
    this.stopPings();
    this.sink.write(encoder.encode(sse));
    this.finish();
  }

  /** The upstream call or its body failed (refused, reset, idle timeout...). */
  fail(err: unknown): void {
    if (this.finished) return;
    this.finish(err instanceof AppError ? err : this.call.failure(err, this.forwarded));
  }

  /** The browser disconnected or pressed Stop: abort the upstream, write nothing more. */
  cancel(): void {
    if (this.finished) return;
    this.finished = true;
    this.stopPings();
    this.stopUpstream();
    this.call.abortForClient();
    this.call.dispose();
  }

  private finish(error?: AppError): void {
    if (this.finished) return;
    this.finished = true;
    this.stopPings();
    this.call.dispose();
    try {
      if (error && !this.call.clientGone) {
        const gap = endsEvent(this.tail()) ? "" : "\n\n";
        this.sink.write(encoder.encode(`${gap}data: ${JSON.stringify(error.toBody())}\n\n`));
      }
      this.sink.end();
    } catch {
      /* the browser is gone: nothing to tell it */
    }
  }

  /** The last (up to) 4 characters forwarded. */
  private tail(): string {
    const c = this.lastChunk;
    if (!c) return this.tailBefore;
    let out = c.byteLength < 4 ? this.tailBefore : "";
    for (let i = Math.max(0, c.byteLength - 4); i < c.byteLength; i++) out += String.fromCharCode(c[i]);
    return out.slice(-4);
  }

  private stopPings(): void {
    clearTimeout(this.pingTimer);
  }

  private schedulePing(delay: number): void {
    this.pingTimer = setTimeout(() => {
      if (this.finished || this.forwarded) return;
      this.sink.write(PING);
      this.schedulePing(this.timings.pingIntervalMs);
    }, delay);
  }
}
