/**
 * Time per keystroke of the next-send preview in a 2,000-message conversation: the history is
 * counted once into the per-message cache, after which a keystroke recounts only the question.
 * Run: npm run bench:preview
 */
import { bench, describe } from "vitest";
import { computeSendPreview } from "./send-preview";
import { countMessageTokens, loadTokenizer, TOKENS_PER_MESSAGE } from "./tokens";
import { createTextCountCache } from "./text-count-cache";
import { DEFAULT_COST_SETTINGS, priceFor } from "./pricing";
import type { ApiMessage, ChatParams } from "./types";

const tok = await loadTokenizer("o200k_base");
const paragraph = "The quick brown fox jumps over the lazy dog, then explains closures in JavaScript. ";
const code = "```ts\nexport function add(a: number, b: number) {\n  return a + b;\n}\n```\n";
const history: Array<ApiMessage & { id: string }> = Array.from({ length: 2000 }, (_, i) => ({
  id: `m${i}`,
  role: i % 2 ? "assistant" : "user",
  content: i % 2 ? paragraph.repeat(1 + (i % 12)) + (i % 5 === 0 ? code : "") : `Question ${i}: ${paragraph}`,
}));
const params: ChatParams = { model: "gpt-4o", temperature: 1, top_p: 1, max_tokens: 4096, presence_penalty: 0, frequency_penalty: 0, historyCount: 2000, systemPrompt: "You are helpful." };

function previewWith(countTokens: (m: ApiMessage & { id?: string }) => number, question: string) {
  return computeSendPreview({ history, question, params, contextWindow: 128_000, price: priceFor("gpt-4o"), cost: DEFAULT_COST_SETTINGS, countTokens });
}

// As lib/client/tokenizer does it, minus the worker: history contents cached by text, the draft counted.
const cache = createTextCountCache();
const cached = (m: ApiMessage & { id?: string }) => {
  if (!m.id) return countMessageTokens(m, tok);
  let content = cache.get(m.content);
  if (content === undefined) cache.set(m.content, (content = tok.count(m.content)));
  return TOKENS_PER_MESSAGE + 1 + content;
};
previewWith(cached, ""); // warm the cache, as the first render does
let typed = "";

describe("next-send preview, 2,000 messages, all history in reach", () => {
  bench("keystroke (cached history counts)", () => {
    typed = typed.length > 200 ? "" : typed + "a";
    previewWith(cached, `How do I ${typed}`);
  });
  bench("without the cache (every message recounted)", () => {
    previewWith((m) => countMessageTokens(m, tok), "How do I a");
  }, { iterations: 5 });
});
