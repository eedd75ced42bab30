/**
 * What the search worker does with each message, apart from the worker itself so it runs in unit
 * tests and in a page that cannot start a worker. Index updates apply at once, in order. Searches
 * are deferred by one task: while one runs, keystrokes pile up as messages, and only the newest of
 * them is searched; the page never waits behind answers it would throw away.
 */
import type { SearchRequest, SearchResponse } from "./protocol";
import { createSearchIndex } from "./search-index";

type QueryRequest = Extract<SearchRequest, { type: "query" }>;

/**
 * Most message text the page is handed to narrow the next keystroke with: it reads it on the main
 * thread (lib/search/narrow.ts), so a few milliseconds at most.
 */
export const CANDIDATE_CHARS = 1_000_000;

export function createSearchCore(post: (response: SearchResponse) => void, defer: (run: () => void) => void = (run) => setTimeout(run, 0)) {
  const index = createSearchIndex();
  let waiting: QueryRequest | null = null;

  function run() {
    const request = waiting;
    waiting = null;
    if (!request) return;
    const started = performance.now();
    try {
      const answer = index.search(request.query, { limit: request.limit });
      post({ type: "result", id: request.id, query: request.query, answer, ms: performance.now() - started, candidates: index.candidates(CANDIDATE_CHARS) });
    } catch (err) {
      post({ type: "error", id: request.id, query: request.query, message: String((err as Error)?.message ?? err) });
    }
  }

  return {
    index,
    handle(request: SearchRequest) {
      switch (request.type) {
        case "update":
          for (const update of request.updates) index.update(update);
          break;
        case "drop":
          index.drop(request.ids);
          break;
        case "clear":
          index.clear();
          break;
        case "query":
          if (!waiting) defer(run);
          waiting = request;
          break;
      }
    },
  };
}
