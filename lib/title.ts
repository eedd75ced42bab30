/**
 * Conversation titles. The local title costs nothing and is the default; asking a model for one
 * is optional and its call is billed like any other, so its input is kept small.
 */
import { roughTokenCount } from "./tokens";
import type { ApiMessage } from "./types";

// Han, kana, hangul and CJK punctuation: each character stands for roughly a word.
const CJK_CHAR = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** Markdown reduced to its words: code fences, headings, emphasis, links, lists, quotes. */
export function stripMarkdown(text: string): string {
  const fenced = /```[^\n]*\n?([\s\S]*?)(```|$)/g;
  let out = text.replace(fenced, " ");
  // A message that is nothing but code still deserves a title: use the code itself.
  if (!out.trim()) out = text.replace(fenced, (_m, code: string) => ` ${code} `);
  return out
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>\n]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/(^|\s)[*_](\S)/g, "$1$2")
    .replace(/(\S)[*_](?=\s|$)/g, "$1");
}

const TRAILING_PUNCT = /[\s,.;:!?，。；：！？、…·\-—]+$/u;

/**
 * The first words of the question, at most `maxChars` characters (plus "…" when cut). Latin text
 * is cut between words; CJK text has no spaces, so it is cut between characters.
 */
export function localTitle(question: string, maxChars = 24): string {
  const text = stripMarkdown(question).replace(/\s+/g, " ").trim();
  if (!text) return "";
  const chars = Array.from(text); // code points, so an emoji is never cut in half
  if (chars.length <= maxChars) return text;

  // Segments: a run of non-space, non-CJK characters is one word; each CJK char stands alone.
  const segments = text.match(/\s+|[^\s\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+|./gu) ?? [];
  let out = "";
  let len = 0;
  for (const seg of segments) {
    const segLen = Array.from(seg).length;
    if (len + segLen > maxChars) break;
    out += seg;
    len += segLen;
  }
  // One word longer than the whole budget (a URL, a long identifier): cut it by characters.
  if (!out.trim()) out = chars.slice(0, maxChars).join("");
  return `${out.replace(TRAILING_PUNCT, "")}…`;
}

/** Cuts text so that its rough token count stays within `maxTokens`, marking the cut. */
export function truncateToRoughTokens(text: string, maxTokens: number): string {
  if (roughTokenCount(text) <= maxTokens) return text;
  let cost = 0;
  let end = 0;
  const chars = Array.from(text);
  for (; end < chars.length; end++) {
    cost += CJK_CHAR.test(chars[end]) ? 1 : 0.25;
    if (cost > maxTokens) break;
  }
  return `${chars.slice(0, end).join("")}…`;
}

const QUESTION_TOKENS = 200;
const ANSWER_TOKENS = 100;

/**
 * Messages asking a cheap model for a title. One user message rather than a system prompt: some
 * models behind relays (o1-mini, a few open models) reject or ignore the system role. The input
 * is capped at ~300 tokens, since the title call is billed too.
 */
export function titlePrompt(question: string, answer?: string, lang: "en" | "zh-CN" = "en"): ApiMessage[] {
  const q = truncateToRoughTokens(question.trim(), QUESTION_TOKENS);
  const a = answer?.trim() ? truncateToRoughTokens(answer.trim(), ANSWER_TOKENS) : "";
  const instruction =
    lang === "zh-CN"
      ? "请给下面这段对话起一个简短的标题：不超过 12 个字（英文不超过 6 个词），使用对话本身的语言。只回复标题本身，不要引号，不要句末标点，不要任何解释。"
      : "Write a short title for the conversation below: at most 6 words (12 characters for Chinese or Japanese), in the conversation's own language. Reply with the title only: no quotes, no final punctuation, no explanation.";
  const parts = [instruction, "", `User: ${q}`];
  if (a) parts.push("", `Assistant: ${a}`);
  return [{ role: "user", content: parts.join("\n") }];
}

const QUOTE_PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ["`", "`"],
  ["“", "”"],
  ["‘", "’"],
  ["「", "」"],
  ["『", "』"],
  ["《", "》"],
  ["【", "】"],
  ["**", "**"],
  ["*", "*"],
];

/** Cleans what a model answered into a title: quotes, labels, markdown and final punctuation go. */
export function cleanModelTitle(raw: string, maxChars = 50): string {
  // Reasoning models may prepend their thinking; the title is what follows it.
  let s = raw.replace(/^\s*<think>[\s\S]*?<\/think>/, "");
  s = s.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "") ?? "";
  for (let changed = true; changed; ) {
    const before = s;
    s = s
      .trim()
      .replace(/^#{1,6}\s+/, "")
      .replace(/^(\*\*)?(title|标题|題名)(\*\*)?\s*[:：]\s*(\*\*)?\s*/i, "")
      .replace(/[.。!！?？,，;；:：、…]+$/u, "")
      .trim();
    for (const [open, close] of QUOTE_PAIRS) {
      if (s.length >= open.length + close.length && s.startsWith(open) && s.endsWith(close)) {
        s = s.slice(open.length, s.length - close.length);
        break;
      }
    }
    // Unbalanced leftovers such as a lone opening quote.
    s = s.replace(/^["'“”‘’「」『』《》【】`]+|["'“”‘’「」『』《》【】`]+$/gu, "");
    changed = s !== before;
  }
  s = s.replace(/\s+/g, " ").trim();
  const chars = Array.from(s);
  return chars.length > maxChars ? `${chars.slice(0, maxChars).join("").trimEnd()}…` : s;
}
