/**
 * Which messages ride along with a question. This is where money is spent: every earlier message
 * is billed again on every send. Two limits apply, in this order:
 *
 * 1. The history count N (ChatParams.historyCount) counts SLOTS, and the system prompt takes one:
 *      N = 0  → the question alone (no system prompt, even if one is set);
 *      N = 1  → system prompt (if non-empty) + question;
 *      N > 1  → system prompt + the N−1 most recent earlier messages + question.
 *    With no system prompt its slot stays empty rather than going to one more message. That keeps
 *    "which messages are sent" independent of whether a system prompt happens to be set, so
 *    editing the system prompt never silently changes the history (or the bill) of the next send.
 *
 * 2. The token budget = context window − max_tokens − margin. The oldest history messages go
 *    first; the system prompt and the question are never dropped. If those two alone do not fit,
 *    we refuse (prompt_too_long) before anything is sent, rather than paying for a 400.
 *    Images count by OpenAI's tile formula (an estimate: lib/chat/image-tokens.ts).
 *
 * 3. With `maxBytes`, the byte budget of the request body (the limits on its way: this server,
 *    nginx, Vercel). Images in earlier messages ride along while the count reaches them, and they
 *    are what makes a body large: the oldest go first, as with tokens. The system prompt and the
 *    question alone too large: refused (request_too_large) before anything is sent.
 */
import { AppError } from "./errors";
import { REPLY_PRIMING_TOKENS } from "./tokens";
import { imagesTokens } from "./chat/image-tokens";
import { messageBytes } from "./chat/request-bytes";
import type { ApiMessage, ChatMessage } from "./types";
import { splitAtTopic } from "./chat/topic";

/**
 * Room kept free besides max_tokens. Our counts follow OpenAI's cookbook framing, but relays and
 * other vendors frame messages a little differently (names, extra wrapper tokens); 64 tokens
 * absorbs that without visibly shortening history. Counts for non-OpenAI models are estimates
 * anyway: callers that want more room for them pass a larger margin.
 */
export const DEFAULT_CONTEXT_MARGIN = 64;

type Counted = ApiMessage & { id?: string };

export interface BuildContextInput {
  /** Earlier messages, oldest first, already cleaned by sendableHistory. */
  history: Array<ApiMessage & { id: string }>;
  question: ApiMessage & { id?: string };
  systemPrompt: string;
  historyCount: number;
  contextWindow: number;
  maxTokens: number;
  margin?: number;
  /** Tokens of one message's text including its framing (lib/tokens countMessageTokens); images are added here. */
  countTokens: (m: Counted) => number;
  /** Bytes the messages may take in the request body (its envelope already subtracted); none: no byte rule. */
  maxBytes?: number;
}

export interface BuiltContext {
  messages: ApiMessage[];
  /** Ids of the history messages sent, oldest first, then the question's id if it has one. */
  includedIds: string[];
  /** History cut by the history count, oldest first. */
  droppedByCount: string[];
  /** History that passed the count but did not fit the token budget, oldest first. */
  droppedByBudget: string[];
  /** History that fitted the tokens but not the request's byte budget, oldest first. */
  droppedByBytes: string[];
  systemIncluded: boolean;
  /** Tokens of `messages` plus the reply priming, as lib/tokens countPromptTokens counts them; images estimated. */
  promptTokens: number;
  /** The estimated image tokens within promptTokens. */
  imageTokens: number;
  /** Bytes `messages` take in the request body (lib/chat/request-bytes.ts). */
  bytes: number;
  budget: number;
}

const strip = (m: Counted): ApiMessage => (m.images?.length ? { role: m.role, content: m.content, images: m.images } : { role: m.role, content: m.content });

export function buildContext(input: BuildContextInput): BuiltContext {
  const { history, question } = input;
  const countTokens = (m: Counted) => input.countTokens(m) + imagesTokens(m.images);
  const maxBytes = input.maxBytes ?? Infinity;
  // NaN or negative counts from a broken setting mean "no history"; Infinity means "all".
  const n = Number.isNaN(input.historyCount) ? 0 : Math.max(0, Math.floor(input.historyCount));
  const margin = input.margin ?? DEFAULT_CONTEXT_MARGIN;
  const budget = input.contextWindow - Math.max(0, input.maxTokens) - margin;

  const system: Counted | null =
    n >= 1 && input.systemPrompt.trim() !== "" ? { role: "system", content: input.systemPrompt } : null;

  // Rule 1: the count. The system prompt's slot is reserved whether or not it is used.
  const historySlots = n > 1 ? n - 1 : 0;
  const keepFrom = Math.max(0, history.length - historySlots);
  const candidates = history.slice(keepFrom);
  const droppedByCount = history.slice(0, keepFrom).map((m) => m.id);

  // Rule 2: the budget. System prompt and question are fixed costs.
  const fixed = REPLY_PRIMING_TOKENS + (system ? countTokens(system) : 0) + countTokens(question);
  if (fixed > budget) {
    throw new AppError({
      code: "prompt_too_long",
      status: 400,
      message:
        `The question${system ? " and the system prompt" : ""} need ${fixed} tokens, but only ${Math.max(0, budget)} ` +
        `fit (context window ${input.contextWindow} − max_tokens ${input.maxTokens} − margin ${margin})`,
    });
  }

  // Rule 3: the bytes. Only a byte budget makes sizes worth measuring.
  const sized = Number.isFinite(maxBytes);
  const fixedBytes = sized ? (system ? messageBytes(system) : 0) + messageBytes(question) : 0;
  if (fixedBytes > maxBytes) {
    throw new AppError({
      code: "request_too_large",
      status: 413,
      message: `The question${system ? " and the system prompt" : ""} take ${fixedBytes} bytes, but the request may carry only ${Math.max(0, maxBytes)}`,
      requestBytes: fixedBytes,
      limitBytes: maxBytes,
    });
  }

  // Walk from the newest back; the first message that does not fit ends the walk, so the history
  // sent is always one unbroken recent stretch, never a patchwork with holes.
  let used = fixed;
  let usedBytes = fixedBytes;
  let firstKept = candidates.length;
  let stoppedByBytes = false;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const cost = countTokens(candidates[i]);
    if (used + cost > budget) break;
    const size = sized ? messageBytes(candidates[i]) : 0;
    if (usedBytes + size > maxBytes) {
      stoppedByBytes = true;
      break;
    }
    used += cost;
    usedBytes += size;
    firstKept = i;
  }
  const kept = candidates.slice(firstKept);
  const dropped = candidates.slice(0, firstKept).map((m) => m.id);
  const droppedByBudget = stoppedByBytes ? [] : dropped;
  const droppedByBytes = stoppedByBytes ? dropped : [];

  const messages: ApiMessage[] = [];
  if (system) messages.push(strip(system));
  for (const m of kept) messages.push(strip(m));
  messages.push(strip(question));

  const includedIds = kept.map((m) => m.id);
  if (question.id !== undefined) includedIds.push(question.id);

  let imageTokens = imagesTokens(question.images);
  for (const m of kept) imageTokens += imagesTokens(m.images);

  return {
    messages,
    includedIds,
    droppedByCount,
    droppedByBudget,
    droppedByBytes,
    systemIncluded: system !== null,
    promptTokens: used,
    imageTokens,
    bytes: sized ? usedBytes : messages.reduce((n, m) => n + messageBytes(m), 0),
    budget,
  };
}

/**
 * Turns a conversation's messages into history that may be sent back:
 * - system-role lines are UI notices (the real system prompt comes from the settings);
 * - failed and empty messages carry nothing the model should see (a question that is only
 *   images is not empty: its images ride along);
 * - reasoning is never sent back (vendors ask not to, and it would be billed again);
 * - an interrupted (or still streaming) answer keeps its partial text: the user saw it and may
 *   ask about it;
 * - nothing up to a "new topic" mark is sent (lib/chat/topic.ts).
 */
export function sendableHistory(messages: ChatMessage[]): Array<ApiMessage & { id: string }> {
  const out: Array<ApiMessage & { id: string }> = [];
  for (const m of splitAtTopic(messages).current) {
    const images = m.role === "user" && m.images?.length ? m.images : undefined;
    if (m.role === "system" || m.status === "error" || (m.content.trim() === "" && !images)) continue;
    out.push(images ? { id: m.id, role: m.role, content: m.content, images } : { id: m.id, role: m.role, content: m.content });
  }
  return out;
}
