/**
 * What a search result shows of a message: a short window of its text around the match, with
 * every query term inside it marked. Cut from the message as the page holds it now (the index
 * only says where the match was), so text edited since is shown as it is. The window is plain
 * text: the Markdown syntax around it is left out (lib/search/markup.ts), except where it is part
 * of a match, so what is marked is always exactly what matched.
 */
import { foldText } from "./fold";
import { DROP, KEEP, markupMask, SPACE, TARGET } from "./markup";

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface Snippet {
  parts: SnippetPart[];
  /** Text was left out before / after the window (the page shows "…"). */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface SnippetOptions {
  /** Characters kept before the match. */
  before?: number;
  /** Length of the window. */
  length?: number;
}

/** Where a term starts at `at` in the folded text, or -1 when none does. */
function termAt(folded: string, terms: readonly string[], at: number): number {
  return terms.some((t) => folded.startsWith(t, at)) ? at : -1;
}

/** The earliest position where any term occurs, or -1. */
function earliest(folded: string, terms: readonly string[]): number {
  let first = -1;
  for (const t of terms) {
    const i = folded.indexOf(t);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  return first;
}

/** [start, end) ranges of every term in `folded`, sorted, overlaps merged. */
export function termRanges(folded: string, terms: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const t of terms) {
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) ranges.push([i, i + t.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` cut into plain and matching parts; runs of white space (new lines too) become one space. */
export function markTerms(text: string, terms: readonly string[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  const push = (slice: string, match: boolean) => {
    const clean = match ? slice : slice.replace(/\s+/g, " ");
    if (clean) parts.push({ text: clean, match });
  };
  for (const [start, end] of termRanges(foldText(text), terms)) {
    push(text.slice(at, start), false);
    push(text.slice(start, end), true);
    at = end;
  }
  push(text.slice(at), false);
  return parts;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves `i` forward past the next white space within `reach`, when there is one before `limit`. */
function toWordStart(text: string, i: number, limit: number, reach: number): number {
  for (let j = i; j < Math.min(limit, i + reach); j++) if (/\s/.test(text[j])) return j + 1;
  return i;
}

/** Moves `end` back to the last white space within `reach`, when there is one after `limit`. */
function toWordEnd(text: string, end: number, limit: number, reach: number): number {
  for (let j = end - 1; j > Math.max(limit, end - reach); j--) if (/\s/.test(text[j])) return j;
  return end;
}

/** How much more than the window is read for its syntax: room for the marks that are left out. */
const SLACK = 160;
/**
 * A line that starts or ends further than this beyond the part read is cut there: a paragraph
 * can be thousands of characters, and its marks that far from the window do not show in it.
 */
const LONG_LINE = 160;

/** Whole lines around text[from, to), unless a line goes on much further. */
function linesAround(text: string, from: number, to: number): [number, number] {
  // Scanned by hand, no further than LONG_LINE: lastIndexOf and indexOf would read a long
  // single-line message to its ends.
  let start = Math.max(0, from);
  while (start > 0 && from - start < LONG_LINE && text.charCodeAt(start - 1) !== 10) start--;
  if (start > 0 && text.charCodeAt(start - 1) !== 10) start = Math.max(0, from);
  let end = Math.min(text.length, to);
  while (end < text.length && end - to < LONG_LINE && text.charCodeAt(end) !== 10) end++;
  if (end < text.length && text.charCodeAt(end) !== 10) end = Math.min(text.length, to);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** Shows the whole link address around position `i`, set apart from the link's text by a space. */
function showTarget(mask: Uint8Array, i: number): void {
  let a = i;
  while (a > 0 && mask[a - 1] === TARGET) a--;
  let b = i;
  while (b < mask.length && mask[b] === TARGET) b++;
  mask.fill(KEEP, a, b);
  // The "]" before the address.
  if (a > 0 && mask[a - 1] === DROP) mask[a - 1] = SPACE;
}

/**
 * The text around `anchor` as a reader sees it: Markdown syntax left out or made a space, but
 * every character inside a match kept. `at[i]` is where the shown character i is in `text`.
 */
function shownAround(text: string, terms: readonly string[], anchor: number, before: number, length: number) {
  const [from, to] = linesAround(text, anchor - before - SLACK, anchor + length + SLACK);
  const raw = text.slice(from, to);
  const mask = markupMask(text, from, to);
  const matches = termRanges(foldText(raw), terms);
  for (const [a, b] of matches) {
    // A match in a link's address: the address is shown after the link's text, " (https://…)".
    const target = mask.subarray(a, b).indexOf(TARGET);
    if (target >= 0) showTarget(mask, a + target);
    mask.fill(KEEP, a, b);
  }
  const chars: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (mask[i] === DROP || mask[i] === TARGET) continue;
    chars.push(mask[i] === SPACE ? " " : raw[i]);
    at.push(from + i);
  }
  return { shown: chars.join(""), at, cutBefore: from > 0, cutAfter: to < text.length };
}

/**
 * A window of `text` around the match at `at` (a position the index gave; checked, and looked up
 * again when the text changed since), cut at word boundaries where there are any, with every term
 * in it marked, and without the Markdown syntax around it.
 */
export function buildSnippet(text: string, terms: readonly string[], at: number, { before = 40, length = 160 }: SnippetOptions = {}): Snippet {
  const longest = Math.max(0, ...terms.map((t) => t.length));
  // Only the text at `at` is folded to check it; the whole text only when it changed since.
  const near = at >= 0 && at < text.length ? foldText(text.slice(at, at + longest)) : "";
  const match = near && termAt(near, terms, 0) === 0 ? at : earliest(foldText(text), terms);
  const around = shownAround(text, terms, Math.max(0, match), before, length);
  // The match's first character is kept (it is inside the match), so it has a place in `shown`.
  const anchor = match < 0 ? 0 : Math.max(0, around.at.indexOf(match));
  const snippet = windowOf(around.shown, terms, anchor, before, length);
  return { ...snippet, cutStart: snippet.cutStart || around.cutBefore, cutEnd: snippet.cutEnd || around.cutAfter };
}

/** The window of `text` around the match at `anchor`, cut at word boundaries, terms marked. */
function windowOf(text: string, terms: readonly string[], anchor: number, before: number, length: number): Snippet {
  const longest = Math.max(0, ...terms.map((t) => t.length));
  const head = foldText(text.slice(anchor, anchor + longest));
  let start = Math.max(0, anchor - before);
  let end = Math.min(text.length, start + length);
  // A match near the end: use the room before it instead.
  if (end - start < length) start = Math.max(0, end - length);
  const matchEnd = Math.min(end, anchor + Math.max(0, ...terms.map((t) => (head.startsWith(t) ? t.length : 0))));
  if (start > 0) start = toWordStart(text, start, anchor, 16);
  if (end < text.length) end = toWordEnd(text, end, matchEnd, 16);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  const parts = markTerms(text.slice(start, end), terms);
  if (parts.length && !parts[0].match) parts[0] = { ...parts[0], text: parts[0].text.trimStart() };
  const last = parts[parts.length - 1];
  if (last && !last.match) parts[parts.length - 1] = { ...last, text: last.text.trimEnd() };
  return { parts: parts.filter((p) => p.text), cutStart: start > 0, cutEnd: end < text.length };
}
