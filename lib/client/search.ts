/**
 * The page's side of search. Keeps the worker's index in step with the conversations (only what
 * changed, cut into batches sent one per idle moment), sends each query after whatever is still
 * waiting, and hands on an answer only when it answers the newest query asked, so a slow or
 * superseded answer is never rendered. Without a worker (none allowed, or it died) the same core
 * runs in the page.
 */
import type { Conversation } from "@/lib/types";
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

function whenIdle(run: () => void) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 250 });
  else setTimeout(run, 0);
}

/** A well-formed answer from the search core: a result with its groups, or an error, with an id. */
export function isResponse(data: unknown): data is SearchResponse {
  if (!data || typeof data !== "object") return false;
  const r = data as Partial<SearchResponse>;
  if (typeof r.id !== "number" || typeof r.query !== "string") return false;
  if (r.type === "error") return true;
  return r.type === "result" && Array.isArray((r as { answer?: { groups?: unknown } }).answer?.groups);
}

export interface SearchClientOptions {
  /** The conversations to search (not the trash). */
  read: () => Record<string, Conversation>;
  onAnswer: (response: SearchResponse) => void;
  connect?: Connect;
  /** Runs a background batch later; the browser's idle callback by default. */
  later?: (run: () => void) => void;
}

export function createSearchClient({ read, onAnswer, connect = defaultConnect, later = whenIdle }: SearchClientOptions) {
  const planner = createSyncPlanner();
  let queue: SearchRequest[] = [];
  let draining = false;
  let nextId = 0;
  let newestHandedOn = 0;
  let lastQuery: Extract<SearchRequest, { type: "query" }> | null = null;
  let fellBack = false;

  const receive = (response: SearchResponse) => {
    // Anything else arriving on the channel (seen in the bench: a message without an answer that
    // unmounted the whole app at `answer.groups`) is not an answer.
    if (!isResponse(response)) return;
    // Only the newest query's answer is handed on: an answer to a query typed over since is never
    // rendered (the newer one is already on its way; rendering both would delay it).
    if (response.id <= newestHandedOn || (lastQuery && response.id < lastQuery.id)) return;
    newestHandedOn = response.id;
    onAnswer(response);
  };
  let send: Send = connect(receive, fallBack);

  /** The worker died: the page searches by itself from now on, starting from nothing. */
  function fallBack() {
    if (fellBack) return;
    fellBack = true;
    send = inThread(receive, () => undefined);
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
      send(lastQuery);
      return lastQuery.id;
    },
    /** Requests still waiting to go to the index (0 once it holds everything planned). */
    pending: () => queue.length,
  };
}

export type SearchClient = ReturnType<typeof createSearchClient>;
