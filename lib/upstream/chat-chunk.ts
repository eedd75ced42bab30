/**
 * Interprets the `data` payload of OpenAI-compatible stream events (framing is lib/upstream/sse.ts's job)
 * and folds the chunks of one answer together. Written against what upstreams really send
 * (see /work/shared/RELAYS.md): usage chunks with `choices: []`, Azure's filter-only first chunk,
 * new-api's duplicated reasoning fields, `<think>` blocks inside content, and `{"error":...}`
 * events in the middle of a stream.
 */
import { parseErrorInfo, type ErrorInfo } from "../errors";
import { mapRelayError } from "./stream-error";

export { extractRequestId, mapRelayError } from "./stream-error";

export interface ChunkUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatChunk {
  content: string;
  reasoning: string;
  /** The model that answered, as the chunk names it (relays map names: it may differ from the one asked). */
  model?: string;
  systemFingerprint?: string;
  finishReason?: string;
  usage?: ChunkUsage;
  error?: ErrorInfo;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** choices[index 0] (or without an index), else the first object; runs once per streamed token. */
function firstChoice(choices: unknown): Obj | undefined {
  let first: Obj | undefined;
  for (const c of Array.isArray(choices) ? choices : []) {
    if (isObj(c) && (c.index === 0 || c.index === undefined)) return c;
    if (isObj(c)) first ??= c;
  }
  return first;
}

/** Returns the chunk, `{done: true}` for `[DONE]`, or null for a payload that is not JSON. */
export function parseChatChunk(data: string): ChatChunk | { done: true } | null {
  const text = data.trim();
  if (text === "[DONE]") return { done: true };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(body)) return null;

  const out: ChatChunk = { content: "", reasoning: "" };
  if (body.error !== undefined && body.error !== null) {
    // Our own proxy's error event first; anything else is a relay's shape we map ourselves.
    out.error = parseErrorInfo(body) ?? mapRelayError(body.error);
    return out;
  }

  // Azure's filter-only first chunk has `model: ""`: only a real name counts.
  if (typeof body.model === "string" && body.model.trim()) out.model = body.model.trim();
  if (typeof body.system_fingerprint === "string" && body.system_fingerprint) out.systemFingerprint = body.system_fingerprint;

  // Never index choices[0] blindly: the usage chunk and Azure's first chunk have `choices: []`.
  const choice = firstChoice(body.choices);
  if (choice) {
    // Some relays put a whole non-stream `message` into a stream event; read it the same way.
    const delta = isObj(choice.delta) ? choice.delta : isObj(choice.message) ? choice.message : {};
    if (typeof delta.content === "string") out.content = delta.content;
    // new-api sends the same text in both fields: take one, preferring reasoning_content.
    if (typeof delta.reasoning_content === "string" && delta.reasoning_content !== "") {
      out.reasoning = delta.reasoning_content;
    } else if (typeof delta.reasoning === "string") {
      out.reasoning = delta.reasoning;
    }
    if (typeof choice.finish_reason === "string" && choice.finish_reason) {
      out.finishReason = choice.finish_reason;
    }
  }
  // Earlier chunks carry `usage: null`; only a filled object counts.
  const usage = body.usage;
  if (isObj(usage) && typeof usage.prompt_tokens === "number" && typeof usage.completion_tokens === "number") {
    out.usage = { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens };
  }
  return out;
}

export interface StreamSnapshot {
  content: string;
  reasoning: string;
  reasoningMs?: number;
  /** The first model name the chunks carried. */
  model?: string;
  systemFingerprint?: string;
  finishReason?: string;
  usage?: ChunkUsage;
  error?: ErrorInfo;
}

export interface StreamAccumulator extends StreamSnapshot {
  push(chunk: ChatChunk): void;
  /** Call when the stream stops: releases content held back while it could still be `<think>`. */
  end(): void;
  snapshot(): StreamSnapshot;
}

const OPEN = "<think>";
const CLOSE = "</think>";

/** Length of the longest suffix of `s` that is a proper prefix of `tag` (a tag cut by a chunk). */
function partialTagSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

export function createStreamAccumulator(opts: { now?: () => number } = {}): StreamAccumulator {
  const now = opts.now ?? (() => Date.now());
  let content = "";
  let reasoning = "";
  let reasoningStartedAt: number | undefined;
  let reasoningMs: number | undefined;
  let finishReason: string | undefined;
  let model: string | undefined;
  let systemFingerprint: string | undefined;
  let usage: ChunkUsage | undefined;
  let error: ErrorInfo | undefined;

  // "detect": start of content, could still be a <think> block; "think": inside it;
  // "plain": ordinary content from here on.
  let mode: "detect" | "think" | "plain" = "detect";
  let held = "";
  let afterThink = false;

  function addReasoning(text: string): void {
    if (!text) return;
    if (reasoningStartedAt === undefined) reasoningStartedAt = now();
    reasoning += text;
  }

  function addContent(text: string): void {
    // Models write "</think>\n\n" (or "\n\n" after native reasoning) before the answer; those
    // blank lines are not part of it.
    if ((afterThink || reasoning !== "") && content === "") text = text.replace(/^\s+/, "");
    if (!text) return;
    if (content === "" && reasoningStartedAt !== undefined && reasoningMs === undefined) {
      reasoningMs = now() - reasoningStartedAt;
    }
    content += text;
  }

  function feedThink(text: string): void {
    const buf = held + text;
    held = "";
    const close = buf.indexOf(CLOSE);
    if (close !== -1) {
      addReasoning(buf.slice(0, close));
      mode = "plain";
      afterThink = true;
      addContent(buf.slice(close + CLOSE.length));
      return;
    }
    // Hold back only what could be the start of "</think>".
    const keep = partialTagSuffix(buf, CLOSE);
    addReasoning(buf.slice(0, buf.length - keep));
    held = buf.slice(buf.length - keep);
  }

  function feedContent(text: string): void {
    if (!text) return;
    if (mode === "plain") return addContent(text);
    if (mode === "think") return feedThink(text);
    const buf = held + text;
    const lead = buf.replace(/^\s+/, "");
    if (lead.startsWith(OPEN)) {
      held = "";
      mode = "think";
      feedThink(lead.slice(OPEN.length));
    } else if (lead === "" || OPEN.startsWith(lead)) {
      // Only whitespace, or a prefix such as "<th" that may still become "<think>": wait.
      held = buf;
    } else {
      held = "";
      mode = "plain";
      addContent(buf);
    }
  }

  const acc: StreamAccumulator = {
    get content() {
      return content;
    },
    get reasoning() {
      return reasoning;
    },
    get reasoningMs() {
      return reasoningMs;
    },
    get finishReason() {
      return finishReason;
    },
    get model() {
      return model;
    },
    get systemFingerprint() {
      return systemFingerprint;
    },
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    push(chunk) {
      addReasoning(chunk.reasoning);
      feedContent(chunk.content);
      if (chunk.finishReason) finishReason = chunk.finishReason;
      model ??= chunk.model;
      systemFingerprint ??= chunk.systemFingerprint;
      if (chunk.usage) usage = chunk.usage;
      if (chunk.error) error = chunk.error;
    },
    end() {
      if (held) {
        // Cut off inside the think block: what we held is reasoning. Otherwise it was content.
        if (mode === "think") addReasoning(held);
        else addContent(held);
        held = "";
      }
      if (mode === "detect") mode = "plain";
      // A stream that stops while still reasoning: the whole time was spent thinking.
      if (reasoningStartedAt !== undefined && reasoningMs === undefined) {
        reasoningMs = now() - reasoningStartedAt;
      }
    },
    snapshot() {
      const s: StreamSnapshot = { content, reasoning };
      if (reasoningMs !== undefined) s.reasoningMs = reasoningMs;
      if (finishReason !== undefined) s.finishReason = finishReason;
      if (model !== undefined) s.model = model;
      if (systemFingerprint !== undefined) s.systemFingerprint = systemFingerprint;
      if (usage !== undefined) s.usage = usage;
      if (error !== undefined) s.error = error;
      return s;
    },
  };
  return acc;
}
