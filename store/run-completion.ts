/**
 * Runs one streamed chat completion into an assistant message: folds tokens into the streaming
 * store at most once per animation frame, commits the text to the conversation (and so to
 * IndexedDB) about once a second, and at the end records status, usage, cost and a ledger line.
 */
import { AppError, type ErrorInfo } from "@/lib/errors";
import { createStreamAccumulator } from "@/lib/upstream/chat-chunk";
import { estimateCost } from "@/lib/pricing";
import { newId } from "@/lib/id";
import { joinTimings } from "@/lib/chat/answer-info";
import { chatRequestBody } from "@/lib/chat/chat-request";
import { imagesOf, toWireMessages } from "@/lib/chat/content-parts";
import { utf8Length } from "@/lib/chat/request-bytes";
import { imageDataUrls } from "@/lib/client/image-store";
import { requestFor } from "@/lib/client/api";
// The stream is read in a worker: the page hears of its chunks a few dozen times a second.
import { streamChatOffThread as streamChat } from "@/lib/client/chat-stream-offthread";
import { countTextExact, ensureTokenizer } from "@/lib/client/tokenizer";
import { holdRunLock } from "@/lib/client/tab-sync";
import type { ApiMessage, ChatMessage, ChatParams, LedgerKind, MessageStatus, TokenUsage } from "@/lib/types";
import { apiTarget, endRun, maxRequestBytes, registerRun } from "./run-control";
import { useConversations } from "./conversations";
import { useSettings } from "./settings";
import { useAccess } from "./access";
import { useStreaming } from "./streaming";
import { priceOf } from "./cost";
import { createPublishPacer, onStreamRenderCost, reportCostAfterPaint } from "@/lib/chat/publish-pacer";
import { prepareFinishedAnswer } from "@/lib/chat/answer-finish";

const COMMIT_INTERVAL_MS = 1000;
// How long an answer's end may wait for its last blocks from the markdown worker before it is
// shown done anyway (they are then built on the page).
const FINISH_PREPARE_MS = 250;
// Text is re-rendered at most 12.5 times a second: still reads as flowing text, and a fifth of
// the work of rendering on every frame (each render re-parses the block being written). Where
// an update costs more (a slow phone), the pacer spaces updates out to keep frames smooth.
const PUBLISH_INTERVAL_MS = 80;

export function costOf(model: string, usage: TokenUsage): number | null {
  const { prices, cost } = useSettings.getState();
  return estimateCost(usage, priceOf(model, prices, useAccess.getState().config?.modelCapabilities), cost);
}

/** The body for these messages (as the wire carries them: lib/chat/chat-request.ts). */
export const requestBody = chatRequestBody;

/**
 * The request body as sent: images become data URLs only now, read from memory or IndexedDB. A
 * body over the limit is refused here (the context builder keeps within it; this is the last word).
 */
async function requestText(params: ChatParams, messages: ApiMessage[], limit: number): Promise<{ text: string; bytes: number }> {
  const refs = imagesOf(messages);
  const urls = refs.length ? await imageDataUrls(refs) : null;
  const text = JSON.stringify(requestBody(params, toWireMessages(messages, (ref) => urls?.get(ref.id) ?? null)));
  const bytes = refs.length ? new Blob([text]).size : utf8Length(text);
  if (bytes > limit) {
    throw new AppError({ code: "request_too_large", status: 413, message: `The request would be ${bytes} bytes, over the limit of ${limit}`, requestBytes: bytes, limitBytes: limit });
  }
  return { text, bytes };
}

export interface CompletionRun {
  convId: string;
  messageId: string;
  kind: LedgerKind;
  params: ChatParams;
  messages: ApiMessage[];
  /** Local count of the prompt, used when the upstream sends no usage. */
  promptTokens: number;
  /** Continue: the new text is joined to what the message already has, and usage adds up. */
  prefix?: Pick<ChatMessage, "content" | "reasoning" | "usage" | "answeredBy" | "systemFingerprint" | "ttftMs" | "durationMs">;
}

export interface CompletionOutcome {
  status: MessageStatus;
  content: string;
  error?: ErrorInfo;
}

export async function runCompletion(run: CompletionRun): Promise<CompletionOutcome> {
  // Other tabs see this stream as alive (and leave the message alone) while the lock is held.
  let releaseLock = () => {};
  holdRunLock(run.messageId, new Promise<void>((resolve) => (releaseLock = resolve)));
  try {
    return await runAndRecord(run);
  } finally {
    releaseLock();
  }
}

async function runAndRecord(run: CompletionRun): Promise<CompletionOutcome> {
  const { convId, messageId, params } = run;
  const store = useConversations.getState();
  const controller = new AbortController();
  registerRun(messageId, controller);
  const acc = createStreamAccumulator();
  const started = performance.now();
  let firstTokenAt: number | null = null;
  let framePending = false;
  let lastPublish = 0;
  const pacer = createPublishPacer({ minMs: PUBLISH_INTERVAL_MS });
  // The renderer's work on the trees the markdown worker sends back is part of each update's cost.
  const stopHearingRenders = onStreamRenderCost((ms) => pacer.record(ms));
  // The first text is committed (and so saved) at once, then about once a second.
  let lastCommit = 0;

  const before = run.prefix?.content ?? "";
  const reasoningBefore = run.prefix?.reasoning ?? "";
  // Set when the run is over: a publish still waiting for its frame must not bring back the
  // streaming entry that the end of the run cleared.
  let ended = false;
  const publish = (now: number) => {
    if (ended) return;
    const wait = pacer.interval() - (now - lastPublish);
    if (wait > 0) {
      // Sleep until the interval is up, then take the next frame (not a frame callback per frame).
      setTimeout(() => requestAnimationFrame(publish), wait);
      return;
    }
    framePending = false;
    lastPublish = now;
    const snap = acc.snapshot();
    const renderFrom = performance.now();
    pacer.nextUpdate();
    useStreaming.getState().set(messageId, { convId, content: before + snap.content, reasoning: reasoningBefore + snap.reasoning, reasoningMs: snap.reasoningMs });
    // React renders right after this frame callback, then the frame is laid out and painted.
    reportCostAfterPaint(renderFrom, (ms) => pacer.record(ms));
  };
  // Also from the chunk handler, not only from frames: a background tab gets no frames, and its
  // text must still reach IndexedDB.
  const commit = () => {
    lastCommit = Date.now();
    const snap = acc.snapshot();
    const reasoning = reasoningBefore + snap.reasoning;
    store.patchMessage(convId, messageId, { content: before + snap.content, reasoning: reasoning || undefined });
  };

  let thrown: AppError | null = null;
  let sawDone = false;
  const target = apiTarget();
  let sentBytes = 0;
  try {
    // Load the ranks while the answer streams, so an answer without `usage` is counted at once.
    void ensureTokenizer(params.model).catch(() => undefined);
    const body = await requestText(params, run.messages, maxRequestBytes(target));
    sentBytes = body.bytes;
    const result = await streamChat(requestFor(target, "v1/chat/completions"), target.via, body.text, controller.signal, (chunk) => {
      acc.push(chunk);
      if (firstTokenAt === null && (chunk.content || chunk.reasoning)) firstTokenAt = performance.now();
      if (!framePending) {
        framePending = true;
        requestAnimationFrame(publish);
      }
      if (Date.now() - lastCommit >= COMMIT_INTERVAL_MS) commit();
    });
    sawDone = result.sawDone;
  } catch (err) {
    thrown = err instanceof AppError ? err : new AppError({ code: "unknown", status: 0, message: String(err) });
    // A size refusal shows how large the request was, beside the limit that refused it.
    if (thrown.status === 413 && thrown.requestBytes === undefined && sentBytes > 0) thrown = new AppError({ ...thrown.toInfo(), requestBytes: sentBytes });
  } finally {
    endRun(messageId);
    stopHearingRenders();
  }

  acc.end();
  const snap = acc.snapshot();
  const aborted = controller.signal.aborted;
  const received = snap.content.length > 0 || snap.reasoning.length > 0;
  let error: ErrorInfo | undefined = thrown?.toInfo() ?? snap.error;
  let status: MessageStatus;
  if (aborted) status = "interrupted";
  else if (error) status = received ? "interrupted" : "error";
  else if (snap.finishReason || sawDone) status = "done";
  else {
    status = "interrupted";
    error = { code: "stream_interrupted", status: 0, message: "The stream ended before the answer was complete" };
  }

  const endedAt = performance.now();
  ended = true;
  const timing = {
    ttftMs: firstTokenAt === null ? undefined : Math.round(firstTokenAt - started),
    durationMs: Math.round(endedAt - started),
  };
  // `run` goes: the ledger line below replaces what a reload would have made of it.
  const final = {
    content: before + snap.content,
    reasoning: reasoningBefore + snap.reasoning || undefined,
    reasoningMs: snap.reasoningMs,
    status,
    finishReason: snap.finishReason,
    error,
    run: undefined,
    // What the answer said about itself (a Continue keeps the earlier name if this run sent none).
    answeredBy: snap.model ?? run.prefix?.answeredBy,
    systemFingerprint: snap.systemFingerprint ?? run.prefix?.systemFingerprint,
    ...joinTimings(run.prefix, timing),
  };
  // Its last blocks are built in the markdown worker while the page still shows the stream, so
  // showing it done does not parse and highlight them here (bounded: lib/chat/answer-finish.ts).
  // A stopped or broken answer is shown as such at once.
  if (status === "done" && snap.content) await prepareFinishedAnswer(messageId, final.content, FINISH_PREPARE_MS);
  let usage: TokenUsage | undefined;
  if (snap.usage) {
    usage = { promptTokens: snap.usage.prompt_tokens, completionTokens: snap.usage.completion_tokens, estimated: false };
  } else if (received || status === "done") {
    // Show the answer as finished at once; its estimated usage follows when the count is in. `run`
    // stays until the ledger line is written, so a page closed meanwhile still bills the call.
    const { run: _pending, ...shown } = final;
    store.patchMessage(convId, messageId, shown);
    useStreaming.getState().clear(messageId);
    usage = {
      promptTokens: run.promptTokens,
      completionTokens: (await countTextExact(params.model, snap.content + snap.reasoning)).tokens,
      estimated: true,
    };
  }
  const cost = usage ? costOf(params.model, usage) : undefined;
  const prev = run.prefix?.usage;
  const messageUsage =
    prev && usage
      ? { promptTokens: prev.promptTokens + usage.promptTokens, completionTokens: prev.completionTokens + usage.completionTokens, estimated: prev.estimated || usage.estimated }
      : (usage ?? prev);
  store.patchMessage(convId, messageId, { ...final, usage: messageUsage, cost: messageUsage ? costOf(params.model, messageUsage) : undefined });
  useStreaming.getState().clear(messageId);
  // Relays bill what they generated, even for a stream that was stopped or broke: record it.
  if (usage) {
    store.addLedger(convId, {
      id: newId(),
      at: Date.now(),
      kind: run.kind,
      model: params.model,
      usage,
      cost: cost ?? null,
      messageId,
      status: status === "done" ? "done" : status === "error" ? "error" : "interrupted",
      ...timing,
      answeredBy: snap.model,
    });
  }
  return { status, content: before + snap.content, error };
}
