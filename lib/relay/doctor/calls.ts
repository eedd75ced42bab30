/**
 * The doctor's billed calls, the same from the server and the browser: their request bodies, and
 * what their answers say (text, model, fingerprint, usage) for the steps and the ledger.
 */
import type { ErrorInfo } from "../../errors";
import { classifyUpstreamError } from "../../upstream/errors";
import { REPLY_PRIMING_TOKENS, roughTokenCount, TOKENS_PER_MESSAGE } from "../../tokens";
import { MODEL_CHECK_PROMPT, PROBE_MAX_TOKENS, STREAM_MAX_TOKENS, STREAM_PROMPT } from "./probes";
import type { BilledCall, Probe } from "./types";

const user = (content: string) => [{ role: "user", content }];

export const modelCheckBody = (model: string) => ({ model, messages: user(MODEL_CHECK_PROMPT), max_tokens: 1, stream: false });
export const probeBody = (model: string, question: string) => ({ model, messages: user(question), max_tokens: PROBE_MAX_TOKENS, stream: false });
export const streamBody = (model: string) => ({ model, messages: user(STREAM_PROMPT), max_tokens: STREAM_MAX_TOKENS, stream: true, stream_options: { include_usage: true } });

export interface CompletionRead {
  content: string;
  model?: string;
  fingerprint?: string;
  usage?: { promptTokens: number; completionTokens: number };
}

/** A non-streamed completion's answer, or null when it is no completion (an error, a web page). */
export function readCompletion(probe: Probe): CompletionRead | null {
  if (!probe.ok || probe.answer.status < 200 || probe.answer.status >= 300) return null;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(probe.answer.text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const choices = json?.choices;
  if (!Array.isArray(choices)) return null;
  const message = (choices[0] as { message?: { content?: unknown } } | undefined)?.message;
  const out: CompletionRead = { content: typeof message?.content === "string" ? message.content : "" };
  if (typeof json.model === "string" && json.model.trim()) out.model = json.model.trim();
  if (typeof json.system_fingerprint === "string" && json.system_fingerprint) out.fingerprint = json.system_fingerprint;
  const u = json.usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
  if (typeof u?.prompt_tokens === "number" && typeof u?.completion_tokens === "number") out.usage = { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens };
  return out;
}

/** The ledger line of a call that was answered (relays bill answers, not refusals); null otherwise. */
export function billedCall(purpose: BilledCall["purpose"], model: string, prompt: string, probe: Probe): BilledCall | null {
  const read = readCompletion(probe);
  if (!read || !probe.ok) return null;
  const usage = read.usage ?? { promptTokens: roughTokenCount(prompt) + TOKENS_PER_MESSAGE + REPLY_PRIMING_TOKENS, completionTokens: roughTokenCount(read.content) };
  return { purpose, model, ...(read.model ? { answeredBy: read.model } : {}), ...usage, estimated: !read.usage, status: "done", durationMs: probe.answer.ms };
}

/** Why a call that is no completion failed, in the project's error terms. */
export function callError(probe: Probe): ErrorInfo {
  if (!probe.ok) return { code: "upstream_unreachable", status: 0, message: `No answer (${probe.failure}${probe.detail ? `: ${probe.detail}` : ""})` };
  const a = probe.answer;
  return classifyUpstreamError(a.status, a.text, { get: (n: string) => (n === "content-type" ? a.contentType : n === "x-request-id" ? (a.requestId ?? null) : null) }).toInfo();
}
