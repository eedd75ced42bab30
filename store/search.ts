/**
 * Search across all conversations: the dialog's state, the newest answer, and the message to bring
 * into view when a result is chosen. The index lives in a Web Worker (lib/client/search.ts, loaded
 * on first use or when the page is idle), kept in step with the conversations store: changes are
 * sent about once a second in the background, and always just before a query.
 */
import { create } from "zustand";
import type { SearchClient } from "@/lib/client/search";
import type { SearchResponse } from "@/lib/search/protocol";
import type { SearchAnswer } from "@/lib/search/search-index";
import { useConversations } from "./conversations";

/** Conversations per page of results ("Show more" adds another). */
export const SEARCH_PAGE = 30;
/** How often changes reach the index while nobody is searching (streamed text changes often). */
const SYNC_EVERY_MS = 1000;

export interface ShownAnswer {
  /** The text that was searched: while typing, an answer may be for a query a key or two behind. */
  query: string;
  answer: SearchAnswer;
}

interface SearchState {
  open: boolean;
  query: string;
  limit: number;
  answer: ShownAnswer | null;
  error: string | null;
  /** A message to bring into view and mark; `seq` makes choosing the same one again count. */
  jump: { convId: string; messageId: string; seq: number } | null;
}

export const useSearch = create<SearchState>(() => ({ open: false, query: "", limit: SEARCH_PAGE, answer: null, error: null, jump: null }));

let client: Promise<SearchClient> | null = null;
/** The client once loaded: a keystroke then sends its query at once, not a microtask later. */
let loaded: SearchClient | null = null;
let syncTimer: ReturnType<typeof setTimeout> | null = null;
let jumpSeq = 0;
let asked = 0;

function onAnswer(response: SearchResponse) {
  // Cleared since it was asked: an empty box shows no results.
  if (!useSearch.getState().query.trim()) return;
  if (response.type === "error") useSearch.setState({ error: response.message });
  else useSearch.setState({ answer: { query: response.query, answer: response.answer }, error: null });
}

function runQuery() {
  const { query, limit } = useSearch.getState();
  const ask = ++asked;
  if (!query.trim()) {
    useSearch.setState({ answer: null, error: null });
    return;
  }
  if (loaded) {
    loaded.query(query, limit);
    return;
  }
  void startSearchIndex().then((c) => {
    // A newer keystroke already asked (this one waited for the module to load).
    if (ask === asked) c.query(query, limit);
  });
}

function scheduleSync() {
  if (syncTimer) return;
  syncTimer = setTimeout(() => {
    syncTimer = null;
    void client?.then((c) => {
      const { open, query } = useSearch.getState();
      // Results on screen follow the change (an answer streaming in, a rename).
      if (open && query.trim()) runQuery();
      else c.sync();
    });
  }, SYNC_EVERY_MS);
}

/**
 * Starts the index (idempotent): loads the client, sends every conversation in the background,
 * then follows the store. Called when the page is idle after start, and by the first search.
 */
export function startSearchIndex(): Promise<SearchClient> {
  client ??= import("@/lib/client/search").then(({ createSearchClient }) => {
    const c = createSearchClient({ read: () => useConversations.getState().conversations, onAnswer });
    // The first plan walks the whole history: in an idle moment, unless a query asks first.
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => c.sync(), { timeout: 2000 });
    else c.sync();
    useConversations.subscribe((s, prev) => {
      if (s.conversations !== prev.conversations) scheduleSync();
    });
    loaded = c;
    return c;
  });
  return client;
}

export function openSearch() {
  useSearch.setState({ open: true });
  // A query kept from last time is searched again: the conversations may have changed.
  if (useSearch.getState().query.trim()) runQuery();
  else void startSearchIndex();
}

export function closeSearch() {
  useSearch.setState({ open: false });
}

export function setSearchQuery(query: string) {
  useSearch.setState({ query, limit: SEARCH_PAGE });
  runQuery();
}

export function showMoreResults() {
  useSearch.setState((s) => ({ limit: s.limit + SEARCH_PAGE }));
  runQuery();
}

/** Opens a result: the conversation, on the branch that holds the message, scrolled to it. */
export function openSearchResult(convId: string, messageId?: string) {
  const conversations = useConversations.getState();
  if (messageId) conversations.showMessage(convId, messageId);
  else conversations.select(convId);
  useSearch.setState({ open: false, jump: messageId ? { convId, messageId, seq: ++jumpSeq } : null });
}
