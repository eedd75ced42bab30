/**
 * The page's side of search. Keeps the worker's index in step with the conversations (only what
 * changed, cut into batches sent one per idle moment), sends each query after whatever is still
 * waiting, and hands on an answer only when it answers the newest query asked, so a slow or
 * superseded answer is never rendered. A query that only narrows the last one the worker answered
 * is answered on the page at once from what that one matched (lib/search/narrow.ts), while the
 * index has not changed since; it still goes to the worker, whose answer brings the next
 * candidates. Without a worker (none allowed, or it died) the same core runs in the page.
 */
import type { ChatMessage, Conversation } from "@/lib/types";
import { foldText, queryTerms } from "@/lib/search/fold";
import { narrowSearch, type Candidates, type FoldedSource } from "@/lib/search/narrow";
import { whenIdle } from "./when-idle";
import type { SearchRequest, SearchResponse } from "@/lib/search/protocol";
import { batchUpdates, createSyncPlanner } from "@/lib/search/sync-plan";
import { createSearchCore } from "@/lib/search/worker-core";
import { createDistinctWorker } from "./distinct-worker";

/** Text per message to the worker: copying a batch stays well under a frame. */
const BATCH_CHARS = 400_000;

export type Send = (request: SearchRequest) => void;
/** Wires a transport: answers go to `receive`; `fail` when it can no longer answer at all. */
export type Connect = (receive: (response: SearchResponse) => void, fail: (reason: string) => void) => Send;

export const inThread: Connect = (receive) => {
  const core = createSearchCore(receive);
  return (request) => core.handle(request);
};

export const inWorker: Connect = (receive, fail) => {
  const worker = createDistinctWorker("search", () => new Worker(new URL("./search.worker.ts", import.meta.url), { type: "module", name: "search" }));
  worker.onmessage = (event: MessageEvent<SearchResponse>) => receive(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    fail(event.message || "search worker failed");
  };
  return (request) => worker.postMessage(request);
};

function defaultConnect(receive: (r: SearchResponse) => void, fail: (reason: string) => void): Send {
  if (typeof Worker === "undefined") return inThread(receive, fail);
  try {
    return inWorker(receive, fail);
  } catch {
    return inThread(receive, fail);
  }
}

const soonIdle = (run: () => void) => void whenIdle(run, { timeout: 250 });

/** A well-formed answer from the search core: a result with its groups, or an error, with an id. */
export function isResponse(data: unknown): data is SearchResponse {
  if (!data || typeof data !== "object") return false;
  const r = data as Partial<SearchResponse>;
  if (typeof r.id !== "number" || typeof r.query !== "string") return false;
  if (r.type === "error") return true;
  return r.type === "result" && Array.isArray((r as { answer?: { groups?: unknown } }).answer?.groups);
}

/** Folded text kept for narrowing: about two sets of candidates (each at most CANDIDATE_CHARS). */
const FOLDED_CHARS = 2_000_000;
const byId = new WeakMap<ChatMessage[], Map<string, ChatMessage>>();
const folded = new Map<ChatMessage, string>();
let foldedChars = 0;

/**
 * The conversations' text folded as the index folds it. A message is folded once while it stays in
 * the bounded cache (messages are immutable: an edit is a new object).
 */
function foldedSource(conversations: Record<string, Conversation>): FoldedSource {
  return {
    title: (convId) => {
      const c = conversations[convId];
      return c ? foldText(c.title) : undefined;
    },
    text: (convId, messageId) => {
      const c = conversations[convId];
      if (!c) return undefined;
      let map = byId.get(c.messages);
      if (!map) byId.set(c.messages, (map = new Map(c.messages.map((m) => [m.id, m]))));
      const m = map.get(messageId);
      if (!m) return undefined;
      let text = folded.get(m);
      if (text === undefined) {
        if (foldedChars > FOLDED_CHARS) {
          folded.clear();
          foldedChars = 0;
        }
        folded.set(m, (text = foldText(m.content)));
        foldedChars += text.length;
      }
      return text;
    },
  };
}

export interface SearchClientOptions {
  /** The conversations to search (not the trash). */
  read: () => Record<string, Conversation>;
  onAnswer: (response: SearchResponse) => void;
  connect?: Connect;
  /** Runs a background batch later; the browser's idle callback by default. */
  later?: (run: () => void) => void;
}

export function createSearchClient({ read, onAnswer, connect = defaultConnect, later = soonIdle }: SearchClientOptions) {
  const planner = createSyncPlanner();
  let queue: SearchRequest[] = [];
  let draining = false;
  let nextId = 0;
  let newestHandedOn = 0;
  let lastQuery: Extract<SearchRequest, { type: "query" }> | null = null;
  let fellBack = false;
  /** Requests sent that change the index; candidates hold only while it stays the same. */
  let changes = 0;
  /** Query id → `changes` when it was sent. */
  const askedAt = new Map<number, number>();
  let base: { id: number; changes: number; candidates: Candidates } | null = null;

  /** Keeps what a result matched, when the index is still the one that answered it. */
  function keepCandidates(response: Extract<SearchResponse, { type: "result" }>) {
    const at = askedAt.get(response.id);
    // Older queries are never answered now (the worker runs only the newest waiting).
    for (const id of askedAt.keys()) if (id <= response.id) askedAt.delete(id);
    if (at !== changes || (base && base.id > response.id)) return;
    base = response.candidates ? { id: response.id, changes: at, candidates: response.candidates } : null;
  }

  /** The answer worked out on the page, or null when only the worker can tell. */
  function narrowed(text: string, limit: number) {
    if (!base || base.changes !== changes) return null;
    return narrowSearch(base.candidates, queryTerms(text), limit, foldedSource(read()));
  }

  const receive = (response: SearchResponse) => {
    // Anything else arriving on the channel (seen in the bench: a message without an answer that
    // unmounted the whole app at `answer.groups`) is not an answer.
    if (!isResponse(response)) return;
    // Even a superseded answer's candidates serve the next keystroke.
    if (response.type === "result") keepCandidates(response);
    // Only the newest query's answer is handed on: an answer to a query typed over since is never
    // rendered (the newer one is already on its way; rendering both would delay it).
    if (response.id <= newestHandedOn || (lastQuery && response.id < lastQuery.id)) return;
    newestHandedOn = response.id;
    onAnswer(response);
  };
  let connected: Send = connect(receive, fallBack);
  function send(request: SearchRequest) {
    if (request.type !== "query") changes++;
    connected(request);
  }

  /** The worker died: the page searches by itself from now on, starting from nothing. */
  function fallBack() {
    if (fellBack) return;
    fellBack = true;
    connected = inThread(receive, () => undefined);
    changes++;
    base = null;
    planner.reset();
    queue = [];
    sync();
    flush();
    if (lastQuery && lastQuery.id > newestHandedOn) send(lastQuery);
  }

  function drainOne() {
    const next = queue.shift();
    if (next) send(next);
    if (queue.length) later(drainOne);
    else draining = false;
  }

  /** Plans what changed since the last sync; the batches go out one per idle moment. */
  function sync() {
    const { updates, dropped } = planner.plan(read());
    if (dropped.length) queue.push({ type: "drop", ids: dropped });
    for (const batch of batchUpdates(updates, BATCH_CHARS)) queue.push({ type: "update", updates: batch });
    if (queue.length && !draining) {
      draining = true;
      later(drainOne);
    }
  }

  /** Sends everything still waiting, now. */
  function flush() {
    const waiting = queue;
    queue = [];
    for (const request of waiting) send(request);
  }

  return {
    sync,
    /** Searches what the conversations hold now; returns the request id its answer will carry. */
    query(text: string, limit: number): number {
      sync();
      flush();
      lastQuery = { type: "query", id: ++nextId, query: text, limit };
      askedAt.set(lastQuery.id, changes);
      send(lastQuery);
      const started = performance.now();
      const answer = narrowed(text, limit);
      if (answer) {
        // Handed on now, in the keystroke's own task; the worker's answer to it only brings candidates.
        newestHandedOn = lastQuery.id;
        onAnswer({ type: "result", id: lastQuery.id, query: text, answer, ms: performance.now() - started });
      }
      return lastQuery.id;
    },
    /** Requests still waiting to go to the index (0 once it holds everything planned). */
    pending: () => queue.length,
  };
}

export type SearchClient = ReturnType<typeof createSearchClient>;
