/**
 * Streams one chat completion. Uses fetch-event-source with no automatic retry of the POST,
 * `openWhenHidden` so a background tab keeps streaming, and an `onopen` that turns any non-SSE
 * answer into a readable AppError (or, for relays that ignore `stream: true`, into one chunk).
 */
import { fetchEventSource } from "@microsoft/fetch-event-source";
import { AppError } from "@/lib/errors";
import { parseChatChunk, type ChatChunk } from "@/lib/upstream/chat-chunk";
import { errorFromResponse, type ApiTarget, type RequestSpec } from "./api";
import { explainFetchFailure, networkError } from "./network-failure";

export interface StreamResult {
  /** true when the stream ended with `data: [DONE]`. */
  sawDone: boolean;
  requestId?: string;
}

class NonStreamAnswer {
  constructor(readonly json: unknown) {}
}

/** A relay that ignored `stream: true` sends one JSON completion: read it as a single chunk. */
function chunkFromCompletion(json: unknown): ChatChunk | null {
  const c = json as {
    model?: unknown;
    system_fingerprint?: unknown;
    choices?: Array<{ message?: { content?: string; reasoning_content?: string }; finish_reason?: string }>;
    usage?: { prompt_tokens: number; completion_tokens: number };
  };
  const choice = c?.choices?.[0];
  if (!choice?.message) return null;
  const chunk: ChatChunk = {
    content: choice.message.content ?? "",
    reasoning: choice.message.reasoning_content ?? "",
    finishReason: choice.finish_reason ?? "stop",
    usage: c.usage,
  };
  if (typeof c.model === "string" && c.model.trim()) chunk.model = c.model.trim();
  if (typeof c.system_fingerprint === "string" && c.system_fingerprint) chunk.systemFingerprint = c.system_fingerprint;
  return chunk;
}

export async function streamChat(
  req: RequestSpec,
  via: ApiTarget["via"],
  body: unknown,
  signal: AbortSignal,
  onChunk: (chunk: ChatChunk) => void,
): Promise<StreamResult> {
  const result: StreamResult = { sawDone: false };
  // Whether the endpoint answered: a failure after that is a broken stream, not a refused call.
  let opened = false;
  try {
    await fetchEventSource(req.url, {
      method: "POST",
      headers: req.headers,
      // A caller that measured the body's size passes it already serialised.
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal,
      openWhenHidden: true,
      async onopen(res) {
        opened = true;
        result.requestId = res.headers.get("x-request-id") ?? undefined;
        const type = res.headers.get("content-type") ?? "";
        if (res.ok && type.includes("text/event-stream")) return;
        if (res.ok && type.includes("json")) {
          const text = await res.text();
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            /* fall through to the classifier */
          }
          if (json && chunkFromCompletion(json)) throw new NonStreamAnswer(json);
          throw await errorFromResponse(new Response(text, { status: 502, headers: res.headers }), via);
        }
        throw await errorFromResponse(res, via);
      },
      onmessage(ev) {
        const parsed = parseChatChunk(ev.data);
        if (!parsed) return;
        if ("done" in parsed) {
          result.sawDone = true;
          return;
        }
        onChunk(parsed);
      },
      onerror(err) {
        // Rethrowing stops fetch-event-source from retrying a POST that may already be billed.
        throw err;
      },
    });
  } catch (err) {
    if (err instanceof NonStreamAnswer) {
      const chunk = chunkFromCompletion(err.json);
      if (chunk) onChunk(chunk);
      result.sawDone = true;
      return result;
    }
    if (err instanceof AppError) throw err;
    if (signal.aborted) return result;
    if (!opened) throw await explainFetchFailure(err, via, req.url);
    if (via === "direct") throw new AppError({ code: "stream_interrupted", status: 0, message: `The connection broke off mid-answer: ${String((err as Error)?.message ?? err)}` });
    throw networkError(err, via);
  }
  return result;
}
