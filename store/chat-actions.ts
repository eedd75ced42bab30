/**
 * What the composer and the message buttons do: send, regenerate, edit and resend.
 * Builds the request context with lib/context, then hands over to runCompletion.
 */
import { AppError } from "@/lib/errors";
import { buildContext, sendableHistory } from "@/lib/context";
import { capabilitiesFor } from "@/lib/models/capabilities";
import { localTitle } from "@/lib/title";
import { newId } from "@/lib/id";
import { threadOf } from "@/lib/chat/thread";
import { countMessage, primeCounts } from "@/lib/client/tokenizer";
import { messagesByteBudget } from "@/lib/chat/chat-request";
import { whenImagesStored } from "@/lib/client/image-store";
import { translate } from "@/lib/i18n";
import type { ApiMessage, ChatMessage, ChatParams, Conversation, ImageRef, LedgerKind } from "@/lib/types";
import { useConversations } from "./conversations";
import { useSettings } from "./settings";
import { useAccess } from "./access";
import { runCompletion } from "./run-completion";
import { maxRequestBytes } from "./run-control";
import { pushStorageFailure } from "./notices";
import { resolvedLanguage } from "./language";
import { generateModelTitle } from "./title-call";
import { claimConversation } from "./preparing";
import { conversationBusy, effectiveParams } from "./chat-params";

/**
 * The context the next request will carry, counted exactly (the counts come from the tokenizer
 * worker first); throws AppError("prompt_too_long") when it cannot fit.
 */
async function contextFor(conv: Conversation, earlier: ChatMessage[], question: ApiMessage & { id?: string }) {
  const params = effectiveParams(conv);
  const { contextWindows } = useSettings.getState();
  const history = sendableHistory(earlier);
  // Only the messages the history count can reach need exact counts, not the whole conversation.
  const reachable = history.slice(-Math.max(1, params.historyCount));
  await primeCounts(params.model, [{ role: "system", content: params.systemPrompt }, ...reachable, question]);
  return buildContext({
    history,
    question,
    systemPrompt: params.systemPrompt,
    historyCount: params.historyCount,
    contextWindow: capabilitiesFor(params.model, { server: useAccess.getState().config?.modelCapabilities, contextWindows }).contextWindow,
    maxTokens: params.max_tokens,
    countTokens: (m) => countMessage(params.model, m).tokens,
    // The limits on the request's way: the oldest images (and messages) go first.
    maxBytes: messagesByteBudget(params, maxRequestBytes()),
  });
}

/** The question as the context builder takes it: its text, its images, its id. */
const questionOf = (m: ChatMessage): ApiMessage & { id: string } => (m.images?.length ? { role: "user", content: m.content, images: m.images, id: m.id } : { role: "user", content: m.content, id: m.id });

function assistantPlaceholder(model: string): ChatMessage {
  return { id: newId(), role: "assistant", content: "", status: "streaming", createdAt: Date.now(), model };
}

async function answer(convId: string, userMsg: ChatMessage, kind: LedgerKind) {
  const conv = useConversations.getState().conversations[convId];
  if (!conv) return;
  const params = effectiveParams(conv);
  const store = useConversations.getState();
  const thread = threadOf(conv);
  const index = thread.findIndex((m) => m.id === userMsg.id);
  const earlier = thread.slice(0, index < 0 ? thread.length : index);
  // The answer hangs below its question, also when an earlier answer is already there (a
  // regeneration). It shows at once, before the first await, so the conversation is busy (and a
  // second regenerate or edit a no-op) from the click on; the exact counts come after.
  const placeholder = { ...assistantPlaceholder(params.model), parentId: userMsg.id };
  store.appendMessages(convId, [placeholder]);
  let ctx;
  try {
    ctx = await contextFor(conv, earlier, questionOf(userMsg));
  } catch (err) {
    const error = err instanceof AppError ? err.toInfo() : { code: "unknown" as const, status: 0, message: String(err) };
    useConversations.getState().patchMessage(convId, placeholder.id, { status: "error", error });
    return;
  }
  // What a reload needs to bill this call if the page goes away before the answer ends.
  const run = { kind, model: params.model, promptTokens: ctx.promptTokens, startedAt: Date.now() };
  useConversations.getState().patchMessage(convId, placeholder.id, { run });
  const outcome = await runCompletion({
    convId,
    messageId: placeholder.id,
    kind,
    params,
    messages: ctx.messages,
    promptTokens: ctx.promptTokens,
  });
  const after = useConversations.getState().conversations[convId];
  const modelTitles = useSettings.getState().titleMode === "model" && useAccess.getState().config?.allowModelTitle !== false;
  // A question that is only images gives a title model nothing to read: its local title stays.
  if (outcome.status === "done" && after && !after.titleSettled && modelTitles && userMsg.content.trim()) {
    void generateModelTitle(convId, userMsg.content, outcome.content, placeholder.id);
  }
}

/** Sends a question, with the images attached to it (already encoded and stored: store/attachments.ts). */
export async function sendMessage(text: string, images: ImageRef[] = []): Promise<void> {
  const content = text.trim();
  if (!content && images.length === 0) return;
  const store = useConversations.getState();
  const convId = store.currentId && store.conversations[store.currentId] ? store.currentId : store.create();
  const conv = useConversations.getState().conversations[convId];
  if (conversationBusy(conv)) return;
  // Held until answer() has put its streaming placeholder in (synchronously, before its first await).
  const release = claimConversation(convId);
  if (!release) return;
  let started: { answering: Promise<void> };
  try {
    started = await prepareSend(convId, conv, content, images);
  } finally {
    release();
  }
  await started.answering;
}

async function prepareSend(convId: string, conv: Conversation | undefined, content: string, images: ImageRef[]): Promise<{ answering: Promise<void> }> {
  const store = useConversations.getState();
  if (images.length) {
    // Nothing the user attached may be lost on reload: the blobs are stored before the message
    // that names them. If the disk refuses them, the message still goes (the blobs are in memory)
    // and the storage notice says what is at risk.
    const failed = await whenImagesStored(images);
    if (failed) reportImageStorage(failed);
  }
  const userMsg: ChatMessage = { id: newId(), role: "user", content, status: "done", createdAt: Date.now(), ...(images.length ? { images } : {}) };
  store.appendMessages(convId, [userMsg]);
  const { titleMode } = useSettings.getState();
  if (conv && !conv.titleSettled && !conv.title && titleMode !== "off") {
    // The local title is free and immediate; a model title (if chosen) replaces it later.
    const title = localTitle(content) || translate(resolvedLanguage(), "images.untitled");
    store.setTitle(convId, title, titleMode === "local");
  }
  // Wrapped: an async function would wait for a returned promise, and the claim must end now.
  return { answering: answer(convId, userMsg, "chat") };
}

function reportImageStorage(err: unknown) {
  pushStorageFailure(err);
}

/** Asks again for the last question; the earlier answer stays as another version (‹ 1/2 ›). */
export async function regenerate(convId: string): Promise<void> {
  const conv = useConversations.getState().conversations[convId];
  if (!conv || conversationBusy(conv)) return;
  const thread = threadOf(conv);
  const lastUserIndex = thread.map((m) => m.role).lastIndexOf("user");
  if (lastUserIndex < 0) return;
  await answer(convId, thread[lastUserIndex], "regenerate");
}

/**
 * Sends an edited question as a new version beside the original (same parent); the original and
 * everything that followed it stay on their branch.
 */
export async function editAndResend(convId: string, messageId: string, text: string): Promise<void> {
  const content = text.trim();
  const conv = useConversations.getState().conversations[convId];
  if (!conv || conversationBusy(conv)) return;
  const original = threadOf(conv).find((m) => m.id === messageId && m.role === "user");
  // A question may be images alone; its new version keeps its images when the text is edited.
  if (!original || (!content && !original.images?.length)) return;
  const edited: ChatMessage = { ...original, id: newId(), content, createdAt: Date.now(), parentId: original.parentId ?? null, topicBreak: undefined };
  useConversations.getState().appendMessages(convId, [edited]);
  await answer(convId, edited, "chat");
}

/** Changes an answer's text in place (no request): a correction the next questions carry along. */
export function editAnswer(convId: string, messageId: string, text: string): void {
  const conv = useConversations.getState().conversations[convId];
  const message = conv?.messages.find((m) => m.id === messageId && m.role === "assistant");
  if (!message || message.status === "streaming" || text === message.content) return;
  useConversations.getState().patchMessage(convId, messageId, { content: text });
}

// Sent as the question of a Continue: models follow it well, and the joined text reads as one answer.
const CONTINUE_PROMPT = "Continue exactly where your previous answer stopped, mid-sentence if needed. Do not repeat anything and do not add any preamble.";

/** An answer cut by max_tokens (finish_reason "length"): ask for the rest and join it to the same message. */
export async function continueAnswer(convId: string, messageId: string): Promise<void> {
  const conv = useConversations.getState().conversations[convId];
  if (!conv || conversationBusy(conv)) return;
  const thread = threadOf(conv);
  const i = thread.findIndex((m) => m.id === messageId && m.role === "assistant");
  if (i < 0) return;
  // The message is marked streaming only once the context is counted: until then the claim is
  // what makes a second click, Enter or shortcut a no-op.
  const release = claimConversation(convId);
  if (!release) return;
  let started: { continuing: Promise<unknown> } | null;
  try {
    started = await prepareContinue(convId, conv, thread, i);
  } finally {
    release();
  }
  await started?.continuing;
}

async function prepareContinue(convId: string, conv: Conversation, thread: ChatMessage[], i: number): Promise<{ continuing: Promise<unknown> } | null> {
  const message = thread[i];
  const messageId = message.id;
  const params = effectiveParams(conv);
  // The cut answer must ride along whatever the history count, or there is nothing to continue.
  const forContinue = { ...conv, overrides: { ...conv.overrides, historyCount: Math.max(params.historyCount, 3) } };
  let ctx;
  try {
    ctx = await contextFor(forContinue, thread.slice(0, i + 1), { role: "user", content: CONTINUE_PROMPT });
  } catch (err) {
    const error = err instanceof AppError ? err.toInfo() : { code: "unknown" as const, status: 0, message: String(err) };
    useConversations.getState().patchMessage(convId, messageId, { error });
    return null;
  }
  const run = { kind: "continue" as const, model: message.model ?? params.model, promptTokens: ctx.promptTokens, startedAt: Date.now(), prefixLength: message.content.length };
  useConversations.getState().patchMessage(convId, messageId, { status: "streaming", finishReason: undefined, error: undefined, run });
  const continuing = runCompletion({
    convId,
    messageId,
    kind: "continue",
    params: { ...params, model: message.model ?? params.model },
    messages: ctx.messages,
    promptTokens: ctx.promptTokens,
    prefix: message,
  });
  return { continuing };
}
