/**
 * The search index over every conversation: titles and the text of every message of every branch,
 * folded (lib/search/fold.ts), each message with its Bloom filter (lib/search/bloom.ts). Updated
 * per message as conversations change; a search reads only the messages whose filter lets the
 * query through. It runs in a Web Worker (lib/client/search.worker.ts) and is plain code, so the
 * same module serves the unit tests, the Node benchmark and a page that cannot start a worker.
 */
import { buildBloom, mayHold, termProbe, type Bloom, type TermProbe } from "./bloom";
import { extendsQuery, firstMatch, foldText, queryTerms } from "./fold";

export interface ConversationMeta {
  id: string;
  title: string;
  updatedAt: number;
}

/** One conversation's changes: its title and time, messages added or changed, messages gone. */
export interface IndexUpdate {
  conv: ConversationMeta;
  /** [message id, text]: added or replaced. */
  set?: Array<[string, string]>;
  removed?: string[];
}

export interface SearchHit {
  messageId: string;
  /** Where the first term found starts in the message's text (folding keeps positions). */
  at: number;
}

export interface SearchGroup {
  convId: string;
  /** Where the title matched, or -1. */
  titleAt: number;
  /** The first matching messages, in the conversation's order. */
  hits: SearchHit[];
  /** How many of its messages match. */
  total: number;
}

export interface SearchAnswer {
  /** The folded terms searched for; the page highlights them. */
  terms: string[];
  /** Conversations with a match, most recently updated first, at most `limit`. */
  groups: SearchGroup[];
  /** true when more conversations than `limit` match (the search stops at the first one over). */
  more: boolean;
}

/** What a search matched, in the order the index read it (newest conversation first); see lib/search/narrow.ts. */
export interface Candidates {
  /** The query's folded terms, joined by spaces. */
  folded: string;
  limit: number;
  hitsPerConversation: number;
  /** The scan read every conversation (it did not stop at the limit). */
  complete: boolean;
  /** Conversations with a match: whether the title matched, and the matching messages' ids in order. */
  convs: Array<{ id: string; title: boolean; docs: string[] }>;
}

export interface SearchOptions {
  /** Conversations returned; the search stops once it has found one more than this. */
  limit?: number;
  /** Messages returned per conversation (all of a returned conversation's are counted). */
  hitsPerConversation?: number;
}

interface Doc {
  id: string;
  text: string;
  bloom: Bloom;
}

interface Entry {
  id: string;
  title: string;
  updatedAt: number;
  docs: Map<string, Doc>;
}

/**
 * What the previous search matched in the conversations it read (the first `scanned` of the
 * recency order): a query that extends it can only match a subset of those.
 */
interface Previous {
  folded: string;
  version: number;
  scanned: number;
  docs: Set<Doc>;
  titles: Set<string>;
  /** The limit searched with: it decides where the scan stopped. */
  limit: number;
  hitsPerConversation: number;
}

export const DEFAULT_LIMIT = 30;
export const DEFAULT_HITS_PER_CONVERSATION = 3;

export function createSearchIndex() {
  const entries = new Map<string, Entry>();
  let sorted: Entry[] | null = null;
  let version = 0;
  let chars = 0;
  let previous: Previous | null = null;

  function removeDoc(entry: Entry, id: string) {
    const doc = entry.docs.get(id);
    if (!doc) return;
    chars -= doc.text.length;
    entry.docs.delete(id);
  }

  function update({ conv, set = [], removed = [] }: IndexUpdate) {
    version++;
    let entry = entries.get(conv.id);
    if (!entry) {
      entry = { id: conv.id, title: "", updatedAt: 0, docs: new Map() };
      entries.set(conv.id, entry);
    }
    if (entry.updatedAt !== conv.updatedAt) sorted = null;
    entry.title = foldText(conv.title);
    entry.updatedAt = conv.updatedAt;
    for (const id of removed) removeDoc(entry, id);
    for (const [id, raw] of set) {
      const text = foldText(raw);
      const old = entry.docs.get(id);
      if (old?.text === text) continue;
      if (old) chars -= old.text.length;
      // Map.set on a known id keeps its place: hits stay in the conversation's order.
      entry.docs.set(id, { id, text, bloom: buildBloom(text) });
      chars += text.length;
    }
  }

  function drop(ids: readonly string[]) {
    for (const id of ids) {
      const entry = entries.get(id);
      if (!entry) continue;
      for (const docId of [...entry.docs.keys()]) removeDoc(entry, docId);
      entries.delete(id);
      sorted = null;
      version++;
    }
  }

  function byRecency(): Entry[] {
    sorted ??= [...entries.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
    return sorted;
  }

  function search(query: string, { limit = DEFAULT_LIMIT, hitsPerConversation = DEFAULT_HITS_PER_CONVERSATION }: SearchOptions = {}): SearchAnswer {
    const terms = queryTerms(query);
    const answer: SearchAnswer = { terms, groups: [], more: false };
    if (terms.length === 0) {
      previous = null;
      return answer;
    }
    const folded = terms.join(" ");
    const probes: TermProbe[] = terms.map(termProbe);
    // Typing on: each earlier term is inside a term of this query, so in the conversations read
    // last time only what matched then can match now (unless the index changed in between).
    const narrow = previous && previous.version === version && extendsQuery(terms, previous.folded) ? previous : null;
    const matchedDocs = new Set<Doc>();
    const matchedTitles = new Set<string>();
    const order = byRecency();
    let scanned = 0;
    // Newest first, stopping at the first conversation past the limit: a common word costs a few
    // conversations' worth of reading, a rare one a look at each filter.
    for (; scanned < order.length && !answer.more; scanned++) {
      const entry = order[scanned];
      const known = narrow && scanned < narrow.scanned ? narrow : null;
      const titleAt = !known || known.titles.has(entry.id) ? firstMatch(entry.title, terms) : -1;
      if (titleAt >= 0) matchedTitles.add(entry.id);
      const hits: SearchHit[] = [];
      let total = 0;
      for (const doc of entry.docs.values()) {
        if (known ? !known.docs.has(doc) : !mayHold(doc.bloom, probes)) continue;
        const at = firstMatch(doc.text, terms);
        if (at < 0) continue;
        matchedDocs.add(doc);
        total++;
        if (hits.length < hitsPerConversation) hits.push({ messageId: doc.id, at });
      }
      if (titleAt < 0 && total === 0) continue;
      if (answer.groups.length < limit) answer.groups.push({ convId: entry.id, titleAt, hits, total });
      else answer.more = true;
    }
    previous = { folded, version, scanned, docs: matchedDocs, titles: matchedTitles, limit, hitsPerConversation };
    return answer;
  }

  /**
   * What the last search matched, by id, in the order it read them: the page narrows the next
   * keystroke's query with it (lib/search/narrow.ts) while the index does not change.
   */
  function candidates(maxChars = Infinity): Candidates | null {
    if (!previous || previous.version !== version) return null;
    let size = 0;
    for (const doc of previous.docs) size += doc.text.length;
    // Too much to read again on the page (a common first letter): the worker answers the next key.
    if (size > maxChars) return null;
    const order = byRecency();
    const convs: Candidates["convs"] = [];
    for (let i = 0; i < previous.scanned; i++) {
      const entry = order[i];
      const docs: string[] = [];
      for (const doc of entry.docs.values()) if (previous.docs.has(doc)) docs.push(doc.id);
      const title = previous.titles.has(entry.id);
      if (title || docs.length) convs.push({ id: entry.id, title, docs });
    }
    const { folded, limit, hitsPerConversation } = previous;
    return { folded, limit, hitsPerConversation, complete: previous.scanned >= order.length, convs };
  }

  return {
    update,
    drop,
    search,
    candidates,
    /** Forget everything (the page starts over, e.g. after the worker was replaced). */
    clear() {
      entries.clear();
      sorted = null;
      chars = 0;
      previous = null;
      version++;
    },
    stats: () => ({ conversations: entries.size, messages: [...entries.values()].reduce((n, e) => n + e.docs.size, 0), chars }),
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;

