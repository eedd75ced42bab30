/**
 * How search compares text: case-insensitive, full-width ASCII (ＡＢＣ１２３, typed by Chinese input
 * methods) equal to half-width, and by substring, since Chinese and Japanese have no spaces between
 * words. Folding keeps the length of the text, so a position found in the folded text is the same
 * position in the original: the page cuts its snippets from the original with it.
 */

// U+0130 (İ) is the only UTF-16 unit whose lower case is two units long; it folds to "i".
const DOTTED_CAPITAL_I = /\u0130/g;
// Full-width ASCII, the ideographic space, and final sigma (lowercase Σ at a word's end is ς).
const WIDE_OR_FINAL_SIGMA = /[\uFF01-\uFF5E\u3000\u03C2]/g;
const HAS_WIDE_OR_FINAL_SIGMA = /[\uFF01-\uFF5E\u3000\u03C2]/;

function narrow(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x3000) return " ";
  if (code === 0x03c2) return "σ";
  return String.fromCharCode(code - 0xfee0);
}

/** The text as search compares it; always the same length as `text`. */
export function foldText(text: string): string {
  const lower = (text.includes("\u0130") ? text.replace(DOTTED_CAPITAL_I, "I") : text).toLowerCase();
  return HAS_WIDE_OR_FINAL_SIGMA.test(lower) ? lower.replace(WIDE_OR_FINAL_SIGMA, narrow) : lower;
}

/** Longest query the page sends: a pasted page of text is not a search. */
export const MAX_QUERY_LENGTH = 200;

/**
 * The folded terms of a query: split on white space (a message matches when it holds every term,
 * anywhere), duplicates and terms inside another term dropped, longest first.
 */
export function queryTerms(query: string): string[] {
  const parts = foldText(query.slice(0, MAX_QUERY_LENGTH)).split(/\s+/).filter(Boolean);
  const unique = [...new Set(parts)].sort((a, b) => b.length - a.length);
  return unique.filter((t, i) => !unique.slice(0, i).some((longer) => longer.includes(t)));
}

/**
 * true when each term of the earlier query `before` (its folded terms joined by spaces) is inside
 * a term of `terms`: then a text holding all of `terms` holds all of the earlier ones.
 */
export function extendsQuery(terms: readonly string[], before: string): boolean {
  const earlier = before.split(" ");
  return earlier.every((old) => terms.some((t) => t.includes(old)));
}

/** Where the first term starts in the folded text, or -1 unless every term is there. */
export function firstMatch(text: string, terms: readonly string[]): number {
  let first = -1;
  // Terms come longest first: the rarest, so a miss is usually found by the first indexOf.
  for (const term of terms) {
    const at = text.indexOf(term);
    if (at < 0) return -1;
    if (first < 0 || at < first) first = at;
  }
  return first;
}
