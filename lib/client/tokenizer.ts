/**
 * One tokenizer and one per-message count cache per encoding, loaded on demand (the rank tables
 * are large and stay out of the first page load). Before they load, a rough count stands in.
 */
import {
  countMessageTokens,
  createTokenCache,
  encodingForModel,
  loadTokenizer,
  roughTokenCount,
  type Tokenizer,
} from "@/lib/tokens";
import type { ApiMessage } from "@/lib/types";

type Counter = ReturnType<typeof createTokenCache>;
const ready = new Map<string, { tok: Tokenizer; cache: Counter }>();
const loading = new Map<string, Promise<void>>();

export function ensureTokenizer(model: string): Promise<void> {
  const enc = encodingForModel(model);
  if (ready.has(enc)) return Promise.resolve();
  let p = loading.get(enc);
  if (!p) {
    p = loadTokenizer(enc).then((tok) => {
      ready.set(enc, { tok, cache: createTokenCache(tok) });
    });
    loading.set(enc, p);
  }
  return p;
}

/** Counts a message; `id` enables the cache. Exact once the tokenizer is loaded. */
export function countMessage(model: string, m: ApiMessage & { id?: string }): { tokens: number; exact: boolean } {
  const entry = ready.get(encodingForModel(model));
  if (!entry) return { tokens: roughTokenCount(m.content) + 4, exact: false };
  const tokens = m.id ? entry.cache.countMessage(m.id, m) : countMessageTokens(m, entry.tok);
  return { tokens, exact: true };
}

export function countText(model: string, text: string): number {
  const entry = ready.get(encodingForModel(model));
  return entry ? entry.tok.count(text) : roughTokenCount(text);
}

export function isTokenizerReady(model: string): boolean {
  return ready.has(encodingForModel(model));
}
