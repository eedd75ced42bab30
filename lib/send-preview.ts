/**
 * What the next send will carry and cost, computed live as the user types. `countTokens` reads
 * cached counts (lib/client/tokenizer: exact from the worker, or an estimate until it answers),
 * so a keystroke never recounts the history.
 */
import { AppError } from "./errors";
import { buildContext, DEFAULT_CONTEXT_MARGIN, type BuiltContext } from "./context";
import { estimateCost, type CostSettings } from "./pricing";
import { REPLY_PRIMING_TOKENS } from "./tokens";
import { imagesTokens } from "./chat/image-tokens";
import type { ApiMessage, ChatParams, ImageRef, ModelPrice } from "./types";

export interface SendPreviewInput {
  /** sendableHistory() of the conversation, oldest first. */
  history: Array<ApiMessage & { id: string }>;
  question: string;
  /** Images attached to the question (ready ones). */
  questionImages?: ImageRef[];
  /** Bytes the messages may take in the body (lib/chat/chat-request.ts messagesByteBudget); none: no byte rule. */
  maxBytes?: number;
  params: ChatParams;
  contextWindow: number;
  price: ModelPrice | null;
  cost: CostSettings;
  countTokens: (m: ApiMessage & { id?: string }) => number;
}

export interface SendPreview {
  /** The context as it will be sent, or null when it cannot fit (see tooLong). */
  context: BuiltContext | null;
  messageCount: number;
  promptTokens: number;
  /** Estimated cost of the prompt; null when the model has no known price. */
  promptCost: number | null;
  maxTokens: number;
  /** Cost if the answer uses all of max_tokens; null without a price. */
  maxAnswerCost: number | null;
  contextWindow: number;
  /** Images the request carries: the question's, and earlier ones the history count reaches. */
  images: { question: number; history: number; tokens: number };
  /** Set when the question's own images (and text) exceed the byte budget: nothing can be sent. */
  tooLarge: null | { bytes: number; maxBytes: number };
  /** Set when even the system prompt and the question do not fit with this max_tokens. */
  tooLong: null | {
    fixedTokens: number;
    /** A max_tokens that would make it fit, or null when the question alone is too long. */
    suggestedMaxTokens: number | null;
  };
}

export function computeSendPreview(input: SendPreviewInput): SendPreview {
  const { params, contextWindow, price, cost } = input;
  const questionImages = input.questionImages?.length ? input.questionImages : undefined;
  const question = questionImages ? { role: "user" as const, content: input.question, images: questionImages } : { role: "user" as const, content: input.question };
  const noImages = { question: questionImages?.length ?? 0, history: 0, tokens: 0 };
  const maxAnswerCost = estimateCost({ promptTokens: 0, completionTokens: params.max_tokens }, price, cost);
  try {
    const context = buildContext({
      history: input.history,
      question,
      systemPrompt: params.systemPrompt,
      historyCount: params.historyCount,
      contextWindow,
      maxTokens: params.max_tokens,
      countTokens: input.countTokens,
      maxBytes: input.maxBytes,
    });
    const included = new Set(context.includedIds);
    const historyImages = input.history.reduce((n, m) => n + (included.has(m.id) ? (m.images?.length ?? 0) : 0), 0);
    return {
      context,
      messageCount: context.messages.length,
      promptTokens: context.promptTokens,
      promptCost: estimateCost({ promptTokens: context.promptTokens, completionTokens: 0 }, price, cost),
      maxTokens: params.max_tokens,
      maxAnswerCost,
      contextWindow,
      images: { question: noImages.question, history: historyImages, tokens: context.imageTokens },
      tooLarge: null,
      tooLong: null,
    };
  } catch (err) {
    if (err instanceof AppError && err.code === "request_too_large") {
      return {
        context: null,
        messageCount: 0,
        promptTokens: 0,
        promptCost: null,
        maxTokens: params.max_tokens,
        maxAnswerCost,
        contextWindow,
        images: noImages,
        tooLarge: { bytes: err.requestBytes ?? 0, maxBytes: err.limitBytes ?? 0 },
        tooLong: null,
      };
    }
    if (!(err instanceof AppError) || err.code !== "prompt_too_long") throw err;
    const system = params.historyCount >= 1 && params.systemPrompt.trim() ? input.countTokens({ role: "system", content: params.systemPrompt }) : 0;
    const fixedTokens = REPLY_PRIMING_TOKENS + system + input.countTokens(question) + imagesTokens(questionImages);
    const room = contextWindow - DEFAULT_CONTEXT_MARGIN - fixedTokens;
    // Below a few hundred tokens of answer the trim is pointless: say the question is too long.
    const suggestedMaxTokens = room >= 256 ? Math.floor(room) : null;
    return {
      context: null,
      messageCount: 0,
      promptTokens: fixedTokens,
      promptCost: estimateCost({ promptTokens: fixedTokens, completionTokens: 0 }, price, cost),
      maxTokens: params.max_tokens,
      maxAnswerCost,
      contextWindow,
      images: noImages,
      tooLarge: null,
      tooLong: { fixedTokens, suggestedMaxTokens },
    };
  }
}
