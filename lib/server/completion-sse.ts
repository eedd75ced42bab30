/**
 * Some relays ignore `stream: true` and answer with one JSON completion. The browser always parses
 * SSE for a streamed request, so such an answer is re-expressed as the stream it stands for:
 * one content chunk, a usage chunk (choices: []) when there is usage, then [DONE].
 * Returns null when the text is not a chat completion (the caller then treats it as an error).
 */
import { hasErrorBody, tryParseJson } from "../upstream/body";

interface Choice {
  index?: number;
  message?: Record<string, unknown>;
  finish_reason?: unknown;
}

export function completionToSse(text: string): string | null {
  const json = tryParseJson(text) as Record<string, unknown> | undefined;
  if (!json || typeof json !== "object" || Array.isArray(json) || hasErrorBody(json)) return null;
  if (!Array.isArray(json.choices)) return null;
  const base = {
    id: json.id ?? "chatcmpl-relayed",
    object: "chat.completion.chunk",
    created: json.created ?? Math.floor(Date.now() / 1000),
    model: json.model ?? "",
  };
  const choices = (json.choices as Choice[]).map((c, i) => ({
    index: c.index ?? i,
    delta: { role: "assistant", ...(c.message ?? {}) },
    finish_reason: c.finish_reason ?? "stop",
  }));
  let out = `data: ${JSON.stringify({ ...base, choices })}\n\n`;
  if (json.usage && typeof json.usage === "object") out += `data: ${JSON.stringify({ ...base, choices: [], usage: json.usage })}\n\n`;
  return `${out}data: [DONE]\n\n`;
}
