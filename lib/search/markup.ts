/**
 * Which characters of a Markdown message are its syntax, so a search snippet can show the text as
 * a reader sees it ("RelayChat mock upstream", not "**RelayChat mock upstream**"). Not a Markdown
 * parser: the common marks of chat answers (emphasis, strikethrough, inline code, code fences,
 * headings, quotes, bullets, links and images, rules, tables, backslash escapes) are recognised
 * line by line. Characters are only ever dropped or turned into a space, never moved, so a
 * position in the message stays a position in what is shown, and search marks stay exact.
 */

/** What a character becomes in the text shown. */
export const KEEP = 0;
export const DROP = 1;
export const SPACE = 2;
/** A link's address "(…)": left out like DROP, unless a match is inside it (then it is shown). */
export const TARGET = 3;

// Any indent: chat answers often indent a fence under a list item by four spaces.
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const RULE = /^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;
// Quote marks, then a bullet and a task box, or a heading's hashes: what opens a line.
const QUOTE = /^ {0,3}>[ \t]?/;
const BULLET = /^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const HEADING_CLOSE = /[ \t]+#+[ \t]*$/;
const LINK = /!?\[([^[\]\n]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)/g;
const AUTOLINK = /<(?:https?|mailto):[^<>\s]+>/g;
// Pairs, longest marks first, so "***both***" loses "**" and then "*". An underscore inside a word
// (snake_case) and a star between digits (2*3*4) are not emphasis. (What may stand before a mark
// is checked by hand: lookbehind is missing from Safari before 16.4.)
const WORDY = /[\p{L}\p{N}_]/u;
const STARRY = /[\p{L}\p{N}*]/u;
const PAIRS: Array<{ mark: string; pattern: RegExp; notAfter?: RegExp }> = [
  { mark: "**", pattern: /\*\*(?=\S)(.*?\S)\*\*/gu },
  { mark: "__", pattern: /__(?=\S)(.*?\S)__(?![\p{L}\p{N}_])/gu, notAfter: WORDY },
  { mark: "~~", pattern: /~~(?=\S)(.*?\S)~~/gu },
  { mark: "*", pattern: /\*(?=[^\s*])(.*?[^\s*])\*(?![\p{L}\p{N}*])/gu, notAfter: STARRY },
  { mark: "_", pattern: /_(?=[^\s_])(.*?[^\s_])_(?![\p{L}\p{N}_])/gu, notAfter: WORDY },
];
const ESCAPABLE = /[!-/:-@[-`{-~]/;
// Stands for a character that no mark may use (code, an escaped mark): not space, not punctuation.
const OPAQUE = "\u0001";

interface Fence {
  char: string;
  length: number;
}

/**
 * The fence open at `at`, from the fence lines before it. Found with indexOf, which skips
 * ordinary text much faster than a multiline regex tries every line.
 */
function fenceAt(text: string, at: number): Fence | null {
  const lines = new Set<number>();
  for (const run of ["```", "~~~"]) {
    for (let i = text.indexOf(run); i >= 0 && i < at; i = text.indexOf(run, i + 3)) lines.add(text.lastIndexOf("\n", i) + 1);
  }
  let open: Fence | null = null;
  for (const start of [...lines].sort((a, b) => a - b)) {
    if (start >= at) break;
    const end = text.indexOf("\n", start);
    const m = FENCE.exec(text.slice(start, end < 0 ? text.length : end));
    if (m) open = nextFence(open, m[1], m[2]);
  }
  return open;
}

/** The fence open after a fence line `run` + `rest`, when `open` was open before it. */
function nextFence(open: Fence | null, run: string, rest: string): Fence | null {
  if (!open) return run[0] === "`" && rest.includes("`") ? null : { char: run[0], length: run.length };
  return run[0] === open.char && run.length >= open.length && rest.trim() === "" ? null : open;
}

/**
 * The mask of `text` from `from` to `to` (index 0 is `text[from]`). `from` should be a line start
 * and `to` a line end; when they are not (a cut inside a very long line), the partial line is
 * read without the marks that open a line.
 */
export function markupMask(text: string, from: number, to: number): Uint8Array {
  const mask = new Uint8Array(to - from);
  const opaque = new Uint8Array(to - from);
  let fence = from > 0 ? fenceAt(text, from) : null;
  let lineStart = from;
  while (lineStart < to) {
    // Not indexOf: in a long single-line message it would read on to the end of the text.
    let lineEnd = lineStart;
    while (lineEnd < to && text.charCodeAt(lineEnd) !== 10) lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    const atLineStart = lineStart === 0 || text[lineStart - 1] === "\n";
    const fenceLine = atLineStart ? FENCE.exec(line) : null;
    const next = fenceLine ? nextFence(fence, fenceLine[1], fenceLine[2]) : fence;
    const set = (a: number, b: number, v: number) => mask.fill(v, a - from, b - from);
    if (next !== fence) {
      // A fence that opens or closes a code block: the line goes, its language name too.
      fence = next;
      set(lineStart, lineEnd, DROP);
    } else if (fence) {
      opaque.fill(1, lineStart - from, lineEnd - from);
    } else if (atLineStart && (RULE.test(line) || TABLE_DELIMITER.test(line))) {
      set(lineStart, lineEnd, DROP);
    } else {
      const prefix = atLineStart ? linePrefix(line) : 0;
      set(lineStart, lineStart + prefix, DROP);
      const close = prefix > 0 && HEADING.test(line.slice(quoteLength(line))) ? HEADING_CLOSE.exec(line) : null;
      const end = close && close.index >= prefix ? lineStart + close.index : lineEnd;
      set(end, lineEnd, DROP);
      inline(text, lineStart + prefix, end, from, mask, opaque, line.slice(prefix).trimStart().startsWith("|"));
    }
    lineStart = lineEnd + 1;
  }
  return mask;
}

function quoteLength(line: string): number {
  let at = 0;
  for (let m = QUOTE.exec(line); m; m = QUOTE.exec(line.slice(at))) at += m[0].length;
  return at;
}

/** How many characters open the line: quote marks, then a bullet or a heading's hashes. */
function linePrefix(line: string): number {
  const at = quoteLength(line);
  const rest = line.slice(at);
  const m = BULLET.exec(rest) ?? HEADING.exec(rest);
  return at + (m ? m[0].length : 0);
}

/** Marks the inline syntax of text[start, end): code spans and escapes first, then links, then emphasis. */
function inline(text: string, start: number, end: number, from: number, mask: Uint8Array, opaque: Uint8Array, tableRow: boolean): void {
  for (let i = start; i < end; ) {
    const c = text[i];
    if (c === "\\" && i + 1 < end && ESCAPABLE.test(text[i + 1])) {
      mask[i - from] = DROP;
      opaque[i + 1 - from] = 1;
      i += 2;
    } else if (c === "`") {
      let n = 1;
      while (text[i + n] === "`") n++;
      const close = closingRun(text, i + n, end, n);
      if (close < 0) {
        i += n;
        continue;
      }
      mask.fill(DROP, i - from, i + n - from);
      opaque.fill(1, i + n - from, close - from);
      mask.fill(DROP, close - from, close + n - from);
      i = close + n;
    } else i++;
  }
  const view = () => {
    let s = "";
    const at: number[] = [];
    for (let i = start; i < end; i++) {
      // A link's address is out of the view too: its "_" or "*" pair with nothing.
      if (mask[i - from] === DROP || mask[i - from] === TARGET) continue;
      s += opaque[i - from] ? OPAQUE : text[i];
      at.push(i);
    }
    return { s, at };
  };
  const drop = (positions: number[], value = DROP) => positions.forEach((p) => (mask[p - from] = value));
  // Each pass only where its mark occurs: most lines of prose have none of them.
  let v = view();
  if (v.s.includes("](")) for (const m of v.s.matchAll(LINK)) {
    const open = m[0][0] === "!" ? 2 : 1;
    const close = m.index + open + m[1].length;
    drop(v.at.slice(m.index, m.index + open).concat(v.at[close]));
    drop(v.at.slice(close + 1, m.index + m[0].length), TARGET);
  }
  if (v.s.includes("<")) for (const m of v.s.matchAll(AUTOLINK)) drop([v.at[m.index], v.at[m.index + m[0].length - 1]]);
  for (const { mark, pattern, notAfter } of PAIRS) {
    if (!v.s.includes(mark)) continue;
    const width = mark.length;
    v = view();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(v.s); m; m = pattern.exec(v.s)) {
      if (notAfter && m.index > 0 && notAfter.test(v.s[m.index - 1])) {
        pattern.lastIndex = m.index + 1;
        continue;
      }
      const last = m.index + m[0].length;
      drop(v.at.slice(m.index, m.index + width).concat(v.at.slice(last - width, last)));
    }
  }
  if (tableRow) for (let i = start; i < end; i++) if (text[i] === "|" && !opaque[i - from] && mask[i - from] === KEEP) mask[i - from] = SPACE;
}

/** Where a run of exactly `n` backticks starts in text[from, end), or -1. */
function closingRun(text: string, from: number, end: number, n: number): number {
  for (let i = from; i < end; ) {
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let k = 1;
    while (text[i + k] === "`") k++;
    if (k === n) return i;
    i += k;
  }
  return -1;
}
