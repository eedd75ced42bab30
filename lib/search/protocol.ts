/** Messages between the page (lib/client/search.ts) and the search worker (lib/client/search.worker.ts). */
import type { Candidates, IndexUpdate, SearchAnswer } from "./search-index";

export type SearchRequest =
  /** Conversations added or changed, only the messages that changed. */
  | { type: "update"; updates: IndexUpdate[] }
  /** Conversations gone (deleted, moved to the trash). */
  | { type: "drop"; ids: string[] }
  /** Forget everything: the page sends it all again. */
  | { type: "clear" }
  /** A search; only the newest one waiting is run, older ones are never answered. */
  | { type: "query"; id: number; query: string; limit: number };

export type SearchResponse =
  | {
      type: "result";
      id: number;
      query: string;
      answer: SearchAnswer;
      /** Time the search took in the worker. */
      ms: number;
      /** What it matched, for the page to narrow the next keystroke with (lib/search/narrow.ts). */
      candidates?: Candidates | null;
    }
  | { type: "error"; id: number; query: string; message: string };
