/**
 * Token counting with js-tiktoken, used when the upstream sends no `usage` and to show what the
 * next send will cost before it goes. Relays serve many non-OpenAI models (DeepSeek, Qwen, GLM,
 * Claude...) whose tokenizers we do not ship: for those, cl100k_base is an ESTIMATE that is
 * usually within a few tens of percent, never an exact bill.
 *
 * The rank tables are large (cl100k ~1 MB, o200k ~2 MB), so they are loaded with dynamic
 * import() and never land in the first page bundle; roughTokenCount covers the gap synchronously.
 */
import type { ApiMessage } from "./types";

export type EncodingName = "o200k_base" | "cl100k_base";

export interface Tokenizer {
  encoding: string;
  count(text: string): number;
}

// Prefixes of OpenAI model families that use o200k_base. Everything else — gpt-4, gpt-3.5 and
// all relay models we cannot know — gets cl100k_base.
const O200K_PREFIXES = ["gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o"];

export function encodingForModel(model: string): EncodingName {
  // Relays and OpenRouter-style names prefix a vendor ("openai/gpt-4o"); the family is the tail.
  const name = model.trim().toLowerCase().split("/").pop() ?? "";
  return O200K_PREFIXES.some((p) => name.startsWith(p)) ? "o200k_base" : "cl100k_base";
}

const loading = new Map<EncodingName, Promise<Tokenizer>>();

async function importRanks(encoding: EncodingName) {
  // Literal specifiers so the bundler can split each table into its own lazy chunk.
  if (encoding === "o200k_base") return (await import("js-tiktoken/ranks/o200k_base")).default;
  return (await import("js-tiktoken/ranks/cl100k_base")).default;
}

/** Loads (once per encoding; the promise is cached) a tokenizer backed by the real ranks. */
export function loadTokenizer(encoding: EncodingName): Promise<Tokenizer> {
  let p = loading.get(encoding);
  if (!p) {
    p = (async () => {
      const [{ Tiktoken }, ranks] = await Promise.all([import("js-tiktoken/lite"), importRanks(encoding)]);
      const tiktoken = new Tiktoken(ranks);
      return {
        encoding,
        // Special-token strings typed by a user ("<|endoftext|>") are plain text to us:
        // with both lists empty tiktoken neither throws nor maps them to special ids.
        count: (text: string) => (text ? tiktoken.encode(text, [], []).length : 0),
      };
    })();
    // A failed chunk load (offline, deploy in between) must not poison the cache forever.
    p.catch(() => loading.delete(encoding));
    loading.set(encoding, p);
  }
  return p;
}

// OpenAI cookbook (num_tokens_from_messages): every message costs 3 tokens of framing on top of
// its role and content, and every reply is primed with 3 more.
export const TOKENS_PER_MESSAGE = 3;
export const REPLY_PRIMING_TOKENS = 3;

export function countMessageTokens(m: ApiMessage, tok: Tokenizer): number {
  return TOKENS_PER_MESSAGE + tok.count(m.role) + tok.count(m.content);
}

export function countPromptTokens(messages: ApiMessage[], tok: Tokenizer): number {
  let n = REPLY_PRIMING_TOKENS;
  for (const m of messages) n += countMessageTokens(m, tok);
  return n;
}

// Han, kana, hangul and full-width forms: BPE vocabularies give these about one token per char.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/** A synchronous estimate for before the ranks load: CJK ≈ 1 token per char, else ≈ 4 chars. */
export function roughTokenCount(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** roughTokenCount wrapped as a Tokenizer, so countMessageTokens works before the ranks load. */
export const roughTokenizer: Tokenizer = { encoding: "rough", count: roughTokenCount };
