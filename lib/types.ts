/** Data shapes shared by lib/, store/ and components/. No logic here. */
import type { ErrorInfo } from "./errors";

export type Role = "system" | "user" | "assistant";
export type MessageStatus = "streaming" | "done" | "error" | "interrupted";

/**
 * A message as the context builder handles it: its text, and the images it carries by reference.
 * Counting and trimming work on this; the request itself is built from it as WireMessage (the
 * images then become data URLs, read from IndexedDB only at that moment).
 */
export interface ApiMessage {
  role: Role;
  content: string;
  images?: ImageRef[];
}

/** OpenAI's content parts: how a user message with images is sent. */
export type ContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string; detail?: "auto" | "low" | "high" } };

/** A message exactly as it goes into the request body. */
export interface WireMessage {
  role: Role;
  content: string | ContentPart[];
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
  /** Model asked for when an assistant message was requested. */
  model?: string;
  /**
   * The model the answer's chunks named (`model`): relays map names, so it may differ from
   * `model`. Absent when the upstream did not say, and in data from before it was recorded.
   */
  answeredBy?: string;
  /** The upstream's `system_fingerprint`, when it sent one. */
  systemFingerprint?: string;
  /** Time to the first token of the answer, and from the request to its end (Continue adds up). */
  ttftMs?: number;
  durationMs?: number;
  usage?: TokenUsage;
  /** Estimated cost in the user's currency; null when the model has no known price. */
  cost?: number | null;
  finishReason?: string;
  error?: ErrorInfo;
  /**
   * The message this one answers or follows; null for the first message of a conversation.
   * Messages form a tree (branches: a regenerated answer is a sibling of the earlier one); the
   * conversation's `leafId` names the branch shown. Absent only in data from before format 3,
   * which migrates to a chain (each message the child of the one before it).
   */
  parentId?: string | null;
  /** "New topic from here": nothing up to and including this message is sent any more. */
  topicBreak?: boolean;
  /** Images attached to the message; the pixels live apart (IndexedDB `images` store, by id). */
  images?: ImageRef[];
  /** While streaming: what the run needs to bill it if the page goes away before it ends. */
  run?: PendingRun;
}

/**
 * An image a message refers to; the blob is stored apart (IndexedDB `images`), keyed by `id`, which
 * belongs to this one message. `mime`, size and bytes are those of the re-encoded image that is sent.
 */
export interface ImageRef {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes?: number;
}

/** Set on a streaming message, removed when its run ends: a reload turns it into a ledger line. */
export interface PendingRun {
  kind: LedgerKind;
  model: string;
  promptTokens: number;
  startedAt: number;
  /** Length of the text the message had before this run (Continue appends). */
  prefixLength?: number;
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

/** What a billed call was for; "doctor" calls belong to no conversation. */
export type LedgerKind = "chat" | "regenerate" | "title" | "continue" | "doctor";

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
  /** The model the upstream said answered, when it named one. */
  answeredBy?: string;
  /** Why the call failed, for calls that are not tied to a message (titles). */
  error?: ErrorInfo;
  /**
   * The conversation it was billed in. The ledger is stored apart from conversations, so the cost
   * history outlives a deleted chat; absent for calls that belong to no chat (a connection test).
   */
  convId?: string;
  /** The conversation's title when it was deleted, so its lines still say where they came from. */
  convTitle?: string;
}

export interface Conversation {
  id: string;
  title: string;
  /** true once the title was set by the user or a generator, so it is not generated again. */
  titleSettled: boolean;
  createdAt: number;
  updatedAt: number;
  /** Every message of every branch (see ChatMessage.parentId), oldest first. */
  messages: ChatMessage[];
  /** The last message of the branch shown; null or absent: the last message in `messages`. */
  leafId?: string | null;
  overrides: Partial<ChatParams>;
  /** This conversation's billed calls (stored apart, in the ledger store, keyed by convId). */
  ledger: LedgerEntry[];
  /** Set when moved to the trash; the trash empties itself after TRASH_DAYS. */
  deletedAt?: number;
}

/** A saved prompt: a system prompt with optional parameters and starter messages. */
export interface SavedPrompt {
  id: string;
  name: string;
  systemPrompt: string;
  params?: Partial<Pick<ChatParams, "model" | "temperature" | "historyCount">>;
  /** Messages a chat started from this prompt begins with. */
  starters?: Array<{ role: "user" | "assistant"; content: string }>;
  createdAt: number;
  updatedAt: number;
  /** Where it came from, e.g. "nextchat-mask". */
  source?: string;
}

/** Price of a model per 1M tokens, in USD. */
export interface ModelPrice {
  input: number;
  output: number;
}
