/**
 * The optional model-made title. It is a billed call, so it is recorded as its own ledger line
 * (shown in the conversation as the `title-call` line) and it is tried once: the title is marked
 * settled before the call, so a failure is never retried on every later message.
 */
import { AppError, type ErrorInfo } from "@/lib/errors";
import { createStreamAccumulator } from "@/lib/upstream/chat-chunk";
import { cleanModelTitle, titlePrompt } from "@/lib/title";
import { newId } from "@/lib/id";
import { requestFor } from "@/lib/client/api";
import { streamChat } from "@/lib/client/chat-stream";
import { countPromptExact, countTextExact } from "@/lib/client/tokenizer";
import type { TokenUsage } from "@/lib/types";
import { useConversations } from "./conversations";
import { useSettings } from "./settings";
import { costOf, requestBody } from "./run-completion";
import { apiTarget } from "./run-control";
import { resolvedLanguage } from "./language";

export async function generateModelTitle(convId: string, question: string, answer: string, afterMessageId: string) {
  const store = useConversations.getState();
  store.settleTitle(convId);
  const { titleModel, defaults } = useSettings.getState();
  const model = titleModel || defaults.model;
  const messages = titlePrompt(question, answer, resolvedLanguage());
  const params = { ...defaults, model, temperature: 0.3, top_p: 1, max_tokens: 40, presence_penalty: 0, frequency_penalty: 0 };
  const acc = createStreamAccumulator();
  const started = performance.now();
  let error: ErrorInfo | undefined;
  const target = apiTarget();
  try {
    await streamChat(requestFor(target, "v1/chat/completions"), target.via, requestBody(params, messages), new AbortController().signal, (c) => acc.push(c));
  } catch (err) {
    error = err instanceof AppError ? err.toInfo() : { code: "unknown", status: 0, message: String(err) };
  }
  acc.end();
  const snap = acc.snapshot();
  error ??= snap.error;
  const title = cleanModelTitle(snap.content);
  if (!error && title) store.setTitle(convId, title, true);
  const usage: TokenUsage = snap.usage
    ? { promptTokens: snap.usage.prompt_tokens, completionTokens: snap.usage.completion_tokens, estimated: false }
    : { promptTokens: error ? 0 : await countPromptExact(model, messages), completionTokens: (await countTextExact(model, snap.content)).tokens, estimated: true };
  store.addLedger(convId, {
    id: newId(),
    at: Date.now(),
    kind: "title",
    model,
    usage,
    cost: costOf(model, usage),
    messageId: afterMessageId,
    status: error ? "error" : "done",
    durationMs: Math.round(performance.now() - started),
    error,
  });
}
