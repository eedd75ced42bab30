/**
 * Token counts of texts, keyed by the text itself and bounded least-recently-used first out.
 * Keying by content (not by message id) makes a cache hit exact by construction: an edited
 * message is a different key. Store updates are immutable, so an unchanged message hands us the
 * very same string and V8 answers the lookup from the string's cached hash and a pointer compare.
 */
export interface TextCountCache {
  /** The count, and marks the entry as recently used; undefined when not counted yet. */
  get(text: string): number | undefined;
  set(text: string, count: number): void;
  has(text: string): boolean;
  readonly size: number;
}

export function createTextCountCache(maxEntries = 5000): TextCountCache {
  const entries = new Map<string, number>();
  return {
    get(text) {
      const count = entries.get(text);
      if (count === undefined) return undefined;
      // Re-insert to mark as recently used (a Map keeps insertion order).
      entries.delete(text);
      entries.set(text, count);
      return count;
    },
    set(text, count) {
      entries.delete(text);
      entries.set(text, count);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    has: (text) => entries.has(text),
    get size() {
      return entries.size;
    },
  };
}
