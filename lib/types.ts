/** Data shapes shared by lib/, store/ and components/. No logic here. */
import type { ErrorInfo } from "./errors";

export type Role = "system" | "user" | "assistant";
export type MessageStatus = "streaming" | "done" | "error" | "interrupted";

/** A message as sent to an OpenAI-compatible API. */
export interface ApiMessage {
  role: Role;
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** true when counted locally with js-tiktoken because the upstream sent no usage. */
  estimated: boolean;
}

export interface ChatMessage {
  id: string;
  role: Role;
  content: string;
  /** Reasoning text (reasoning_content / reasoning / a leading <think> block); never sent back. */
  reasoning?: string;
  reasoningMs?: number;
  status: MessageStatus;
  createdAt: number;
  /** Model that wrote an assistant message. */
  model?: string;
  usage?: TokenUsage;
  /** Estimated cost in the user's currency; null when the model has no known price. */
  cost?: number | null;
  finishReason?: string;
  error?: ErrorInfo;
}

export type TitleMode = "off" | "local" | "model";

/** Request parameters; a conversation may override any of them. */
export interface ChatParams {
  model: string;
  temperature: number;
  top_p: number;
  max_tokens: number;
  presence_penalty: number;
  frequency_penalty: number;
  /** How many earlier slots ride along with the question; the system prompt takes one. */
  historyCount: number;
  systemPrompt: string;
}

export type LedgerKind = "chat" | "regenerate" | "title" | "continue";

/** One billed call. */
export interface LedgerEntry {
  id: string;
  at: number;
  kind: LedgerKind;
  model: string;
  usage: TokenUsage;
  cost: number | null;
  messageId?: string;
  status: "done" | "error" | "interrupted";
  ttftMs?: number;
  durationMs?: number;
  /** Why the call failed, for calls that are not tied to a message (titles). */
  error?: ErrorInfo;
}

export interface Conversation {
  id: string;
  title: string;
  /** true once the title was set by the user or a generator, so it is not generated again. */
  titleSettled: boolean;
  createdAt: number;
  updatedAt: number;
  messages: ChatMessage[];
  overrides: Partial<ChatParams>;
  ledger: LedgerEntry[];
}

/** Price of a model per 1M tokens, in USD. */
export interface ModelPrice {
  input: number;
  output: number;
}
