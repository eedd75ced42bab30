/**
 * A per-message Bloom filter of the folded text's 1-, 2- and 3-character pieces. A query term can
 * only occur in a message whose filter holds all of the term's pieces, so most messages are ruled
 * out by a few bit tests before any text is read; the few left are checked with indexOf. A filter
 * never rules out a message that holds the term (no false negatives), it only lets through some
 * that do not (checked and dropped). Pieces with white space are left out: terms never hold any.
 */

/** A query term's pieces as hashes; each filter maps a hash to one of its own bits. */
export type TermProbe = Uint32Array;

export interface Bloom {
  bits: Uint32Array;
  /** 32 − log2(number of bits): a hash's top bits pick the bit. */
  shift: number;
}

const GOLDEN = 0x9e3779b1;
const MIN_LOG2 = 6;
const MAX_LOG2 = 22;

// One multiply per piece (Fibonacci hashing): the product's top bits spread well, and building the
// filters of 20 million characters has to stay well under a second.
const uni = (a: number) => Math.imul(a ^ 0x5f3759df, GOLDEN);
const bi = (a: number, b: number) => Math.imul(((a << 16) | b) ^ 0x2545f491, GOLDEN);
const tri = (a: number, b: number, c: number) => Math.imul(Math.imul((a << 16) | b, 0x85ebca77) ^ c, GOLDEN);

/** Exactly the white space of a regular expression's \s, which splits a query into terms. */
function isBlank(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || c === 0x3000 || c === 0xfeff) return true;
  return (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

/** About 4 bits per character: one hash per piece keeps the false-positive rate near 1 in 6 per piece. */
export function buildBloom(text: string): Bloom {
  let log2 = MIN_LOG2;
  while (log2 < MAX_LOG2 && 1 << log2 < text.length * 4) log2++;
  const bits = new Uint32Array(1 << (log2 - 5));
  const shift = 32 - log2;
  let a = -1;
  let b = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      a = b = -1;
      continue;
    }
    let h = uni(c) >>> shift;
    bits[h >>> 5] |= 1 << (h & 31);
    if (b >= 0) {
      h = bi(b, c) >>> shift;
      bits[h >>> 5] |= 1 << (h & 31);
      if (a >= 0) {
        h = tri(a, b, c) >>> shift;
        bits[h >>> 5] |= 1 << (h & 31);
      }
    }
    a = b;
    b = c;
  }
  return { bits, shift };
}

/** The hashes a filter must hold for `term` (folded, without white space) to be in its text. */
export function termProbe(term: string): TermProbe {
  const codes = Array.from({ length: term.length }, (_, i) => term.charCodeAt(i));
  if (codes.length === 1) return Uint32Array.of(uni(codes[0]));
  if (codes.length === 2) return Uint32Array.of(bi(codes[0], codes[1]));
  // Every 3-piece of a longer term; they imply its 1- and 2-pieces.
  const out = new Uint32Array(codes.length - 2);
  for (let i = 2; i < codes.length; i++) out[i - 2] = tri(codes[i - 2], codes[i - 1], codes[i]);
  return out;
}

/** false when the text cannot hold every probed term; true when it may. */
export function mayHold(bloom: Bloom, probes: readonly TermProbe[]): boolean {
  const { bits, shift } = bloom;
  for (const probe of probes) {
    for (let i = 0; i < probe.length; i++) {
      const h = probe[i] >>> shift;
      if ((bits[h >>> 5] & (1 << (h & 31))) === 0) return false;
    }
  }
  return true;
}
