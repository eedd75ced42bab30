/**
 * Step 5, "Streaming end to end": a short streamed answer timed in the browser, through the path
 * the chat uses (so an nginx or CDN in front of this deployment is included). The model writes
 * the answer token by token; when its pieces reach the page at once or in lumps, something on the
 * way holds the stream back, and the user sees nothing, then a lot at once.
 */
import type { ErrorInfo } from "../../errors";
import type { StepResult } from "./types";

/** The nginx lines that pass a stream on as it comes (deploy/nginx.conf has them all). */
export const NGINX_STREAM_LINES = `proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_buffering off;
proxy_cache off;
gzip off;
proxy_read_timeout 600s;`;

export interface StreamRead {
  /** Milliseconds from sending the request to this network read. */
  at: number;
  /** Text-carrying events decoded from it. */
  events: number;
  /**
   * The page's thread was blocked for a while before this read (a busy machine or page): the
   * pieces may have arrived apart and waited for the page together, so its lump proves nothing.
   */
  late?: boolean;
}

export interface StreamObservation {
  via: "server" | "direct";
  error?: ErrorInfo;
  /** Network reads that carried text, in order. */
  reads: StreamRead[];
  totalMs: number;
  sawDone: boolean;
  /** The endpoint answered `stream: true` with one whole completion. */
  unstreamed?: boolean;
}

export interface StreamShape {
  events: number;
  ttftMs?: number;
  /** From the first to the last text-carrying read. */
  spreadMs: number;
  /** The pieces came in lumps although the answer had many. */
  buffered: boolean;
  /** Most pieces were read late by a busy page: how they arrived cannot be told. */
  untimed: boolean;
}

/** Fewer pieces than this say nothing about buffering: a short answer may fit one packet. */
export const MIN_EVENTS_TO_JUDGE = 8;
/**
 * Pieces per network read that mean lumps. A token stream gives one or two; a proxy that holds the
 * stream lets it through in lumps of its buffer's size (nginx: 4 or 8 KB, some 15 to 35 pieces).
 */
const PIECES_PER_READ = 6;

/**
 * Only reads the page took at once count: a lump read by a page that was free to read earlier
 * arrived as a lump. When those carry too few of the pieces, the verdict is "could not time it".
 */
export function streamShape(o: Pick<StreamObservation, "reads">): StreamShape {
  const events = o.reads.reduce((n, r) => n + r.events, 0);
  const first = o.reads[0]?.at;
  const spreadMs = o.reads.length ? o.reads[o.reads.length - 1].at - o.reads[0].at : 0;
  const timely = o.reads.filter((r) => !r.late);
  const timelyEvents = timely.reduce((n, r) => n + r.events, 0);
  const judged = events >= MIN_EVENTS_TO_JUDGE;
  const untimed = judged && timelyEvents * 2 < events;
  const buffered = judged && !untimed && timelyEvents / timely.length >= PIECES_PER_READ;
  return { events, ttftMs: first === undefined ? undefined : Math.round(first), spreadMs: Math.round(spreadMs), buffered, untimed };
}

export function streamStep(o: StreamObservation): StepResult {
  const ms = Math.round(o.totalMs);
  if (o.error) return { step: "stream", status: "fail", ms, finding: { key: "stream.failed" }, fix: { key: "stream.fix.error" }, error: o.error };
  const shape = streamShape(o);
  const values = { events: shape.events, reads: o.reads.length, ttft: shape.ttftMs ?? 0, spread: shape.spreadMs, perRead: o.reads.length ? Math.round(shape.events / o.reads.length) : 0 };
  if (o.unstreamed) return { step: "stream", status: "warn", ms, finding: { key: "stream.unstreamed", values }, fix: { key: "stream.fix.unstreamed" } };
  if (shape.events === 0) return { step: "stream", status: "warn", ms, finding: { key: "stream.empty" }, fix: { key: "stream.fix.empty" } };
  const details = o.sawDone ? [] : [{ key: "stream.noDone" as const }];
  if (shape.buffered) {
    const fix = o.via === "server" ? { key: "stream.fix.buffered" as const, code: NGINX_STREAM_LINES } : { key: "stream.fix.bufferedDirect" as const };
    return { step: "stream", status: "warn", ms, finding: { key: "stream.buffered", values }, fix, details };
  }
  if (shape.events < MIN_EVENTS_TO_JUDGE) return { step: "stream", status: "ok", ms, finding: { key: "stream.short", values }, details };
  // It streamed; only its shape is unknown. Not a warning: nothing is known to be wrong.
  if (shape.untimed) return { step: "stream", status: "ok", ms, finding: { key: "stream.untimed", values }, details };
  return { step: "stream", status: "ok", ms, finding: { key: "stream.ok", values }, details };
}
