/**
 * The stream step's measurement: one short streamed answer through the path the chat uses (our
 * /api/openai proxy, so a proxy or CDN in front of this deployment is included, or the own
 * endpoint), recording when each network read arrived and how many text pieces it carried.
 */
import type { ErrorInfo } from "@/lib/errors";
import { readCompletion, streamBody } from "@/lib/relay/doctor/calls";
import { STREAM_PROMPT } from "@/lib/relay/doctor/probes";
import type { StreamObservation, StreamRead } from "@/lib/relay/doctor/stream";
import type { AnswerSource, BilledCall } from "@/lib/relay/doctor/types";
import { REPLY_PRIMING_TOKENS, roughTokenCount, TOKENS_PER_MESSAGE } from "@/lib/tokens";
import { parseChatChunk } from "@/lib/upstream/chat-chunk";
import { createSseDecoder } from "@/lib/upstream/sse";
import { errorFromResponse, type RequestSpec } from "./api";
import { explainFetchFailure, type NetworkProbe, browserProbe } from "./network-failure";

/**
 * A read counts as late when the page's thread was blocked for at least this long, and for at
 * least half the time since the previous read: then the pieces it holds may have arrived apart.
 * A short block (a render) inside a long wait cannot have gathered a lump.
 */
const BLOCKED_MS = 50;

/**
 * A 10 ms timer beside the reads: gaps between its ticks show when the page's thread was busy
 * (the machine or the page), so a read that follows may hold pieces that arrived apart.
 */
class Heartbeat {
  private readonly ticks: number[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly now: () => number) {
    this.ticks.push(now());
    this.timer = setInterval(() => this.ticks.push(now()), 10);
  }

  /** Whether a read at `to`, after one at `from`, came late because the thread was busy. */
  late(from: number, to: number): boolean {
    let blocked = 0;
    let previous = from;
    const gap = (t: number) => (t - previous >= 30 ? t - previous - 10 : 0);
    for (const t of this.ticks) {
      if (t <= from) continue;
      if (t > to) break;
      blocked += gap(t);
      previous = t;
    }
    blocked += gap(to);
    return blocked >= BLOCKED_MS && blocked * 2 >= to - from;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface StreamProbe {
  observation: StreamObservation;
  source?: AnswerSource;
  billed?: BilledCall;
}

const STREAM_TIMEOUT_MS = 90_000;

export async function probeStream(spec: RequestSpec, via: "server" | "direct", model: string, probe: NetworkProbe = browserProbe, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<StreamProbe> {
  const started = performance.now();
  const since = () => performance.now() - started;
  const reads: StreamRead[] = [];
  const source: AnswerSource = { via: "stream" };
  let text = "";
  let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
  let sawDone = false;
  let unstreamed = false;
  let error: ErrorInfo | undefined;
  let events = 0;
  const decoder = createSseDecoder((e) => {
    const chunk = parseChatChunk(e.data);
    if (!chunk) return;
    if ("done" in chunk) return void (sawDone = true);
    if (chunk.error) error ??= chunk.error;
    if (chunk.model) source.model ??= chunk.model;
    if (chunk.systemFingerprint) source.fingerprint ??= chunk.systemFingerprint;
    if (chunk.usage) usage = chunk.usage;
    if (chunk.content || chunk.reasoning) {
      events++;
      text += chunk.content + chunk.reasoning;
    }
  });
  const result = (): StreamProbe => {
    const observation: StreamObservation = { via, reads, totalMs: since(), sawDone, ...(unstreamed ? { unstreamed } : {}), ...(error ? { error } : {}) };
    if (!reads.length && !usage) return { observation, source };
    const tokens = usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : { promptTokens: roughTokenCount(STREAM_PROMPT) + TOKENS_PER_MESSAGE + REPLY_PRIMING_TOKENS, completionTokens: roughTokenCount(text) };
    const billed: BilledCall = { purpose: "stream", model, ...(source.model ? { answeredBy: source.model } : {}), ...tokens, estimated: !usage, status: error ? "error" : "done", ttftMs: reads[0] ? Math.round(reads[0].at) : undefined, durationMs: Math.round(since()) };
    return { observation, source, billed };
  };

  let res: Response;
  try {
    res = await fetchImpl(spec.url, { method: "POST", headers: spec.headers, body: JSON.stringify(streamBody(model)), cache: "no-store", signal: AbortSignal.timeout(STREAM_TIMEOUT_MS) });
  } catch (err) {
    error = (await explainFetchFailure(err, via, spec.url, probe)).toInfo();
    return result();
  }
  if (!res.ok || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    const body = res.ok ? await res.text() : "";
    const read = res.ok ? readCompletion({ ok: true, answer: { status: res.status, contentType: res.headers.get("content-type") ?? "", text: body, ms: since() } }) : null;
    if (read) {
      // A relay that ignores `stream: true` answers in one piece: the chat still works, but shows nothing until the end.
      unstreamed = true;
      reads.push({ at: since(), events: 1 });
      text = read.content;
      if (read.usage) usage = { prompt_tokens: read.usage.promptTokens, completion_tokens: read.usage.completionTokens };
      source.model = read.model;
      source.fingerprint = read.fingerprint;
      return result();
    }
    error = (await errorFromResponse(res.ok ? new Response(body, { status: 502, headers: res.headers }) : res)).toInfo();
    return result();
  }
  const reader = res.body!.getReader();
  const heartbeat = new Heartbeat(since);
  // The heartbeat starts with the body: the wait for the headers is not the page's to account for.
  let lastRead = since();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const at = since();
      if (done) break;
      const before = events;
      decoder.push(value);
      if (events > before) reads.push({ at, events: events - before, ...(heartbeat.late(lastRead, at) ? { late: true } : {}) });
      lastRead = at;
    }
    decoder.end();
  } catch (err) {
    error ??= { code: "stream_interrupted", status: 0, message: `The stream broke off: ${String((err as Error)?.message ?? err)}` };
  } finally {
    heartbeat.stop();
  }
  return result();
}
