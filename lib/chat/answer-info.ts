/**
 * What a finished answer says about itself, read for the message line: which model answered
 * (relays map names, so it may not be the one asked for), how long it took, and why it ended
 * when that was not a plain stop (see /work/shared/RELAYS.md, "What an answer says about itself").
 */
import type { ChatMessage } from "../types";

/** Why an answer ended, when the user should be told: the notice shown under it. */
export type FinishNoticeReason = "length" | "content_filter" | "tool_calls" | "empty" | "other";

// OpenAI's names first; relays pass on other providers' names too (Anthropic, Gemini in capitals).
const NORMAL = new Set(["stop", "end_turn", "stop_sequence", "eos", "finish_reason_unspecified"]);
const LENGTH = new Set(["length", "max_tokens"]);
const FILTER = new Set(["content_filter", "safety", "recitation", "prohibited_content", "blocklist", "spii", "refusal", "sensitive"]);
const TOOLS = new Set(["tool_calls", "function_call", "tool_use"]);

export interface FinishNotice {
  reason: FinishNoticeReason;
  /** The upstream's finish_reason as sent (for "other", and for the attribute tests read). */
  raw?: string;
}

/**
 * The notice a finished answer needs, or null for an ordinary one. Only `done` answers get one:
 * an interrupted or failed message already says what happened.
 */
export function finishNotice(message: Pick<ChatMessage, "role" | "status" | "content" | "finishReason">): FinishNotice | null {
  if (message.role !== "assistant" || message.status !== "done") return null;
  const raw = message.finishReason?.trim() || undefined;
  const reason = raw?.toLowerCase();
  if (reason && LENGTH.has(reason)) return { reason: "length", raw };
  if (reason && FILTER.has(reason)) return { reason: "content_filter", raw };
  if (reason && TOOLS.has(reason)) return { reason: "tool_calls", raw };
  // A relay may end a refused answer with [DONE] and nothing else: say so instead of showing nothing.
  if (!message.content.trim()) return { reason: "empty", raw };
  if (reason && !NORMAL.has(reason)) return { reason: "other", raw };
  return null;
}

export interface AnsweringModel {
  /** The name to show first: the one that answered, else the one asked for. */
  shown: string;
  /** Set only when the answer named another model than the one asked for. */
  asked?: string;
}

/** Which model to name on the message line; both when the relay answered with another. */
export function answeringModel(asked: string | undefined, answeredBy: string | undefined): AnsweringModel {
  const requested = asked?.trim() ?? "";
  const answered = answeredBy?.trim() ?? "";
  if (!answered || answered === requested) return { shown: requested || answered };
  return requested ? { shown: answered, asked: requested } : { shown: answered };
}

/** "850 ms", "3.2 s", "12 s", "2 min 5 s": short enough for the message line, in any language. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/** The timing of a Continue joined to the message's earlier run: first token of the first, durations added. */
export function joinTimings(
  before: { ttftMs?: number; durationMs?: number } | undefined,
  run: { ttftMs?: number; durationMs?: number },
): { ttftMs?: number; durationMs?: number } {
  if (!before) return run;
  const ttftMs = before.ttftMs ?? run.ttftMs;
  const durationMs = before.durationMs !== undefined && run.durationMs !== undefined ? before.durationMs + run.durationMs : run.durationMs;
  return { ttftMs, durationMs };
}
