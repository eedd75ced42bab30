/**
 * Trees of markdown blocks for the renderer. Finished blocks are cached by their text, so a long
 * answer scrolled back into view or a streamed block that closed is not parsed again. While an
 * answer streams, blocks are parsed in a worker (lib/markdown/markdown.worker.ts) with the same
 * pipeline; math, and everything when no worker can run, is parsed here.
 */
import type { Root } from "hast";
import { markdownToHast } from "./pipeline";
import { liveBlockHtml } from "./live-html";
import type { MarkdownRequest, MarkdownResponse } from "./markdown-protocol";
import { connectReadyWorker } from "@/lib/client/ready-worker";
import { createDistinctWorker } from "@/lib/client/distinct-worker";

const CACHE_SIZE = 500;
const finishedTrees = new Map<string, Root>();

/** A finished block's tree if it was built before (and marks it recently used). */
export function cachedFinishedTree(text: string): Root | undefined {
  const tree = finishedTrees.get(text);
  if (tree) {
    finishedTrees.delete(text);
    finishedTrees.set(text, tree);
  }
  return tree;
}

function remember(text: string, tree: Root): Root {
  finishedTrees.set(text, tree);
  if (finishedTrees.size > CACHE_SIZE) finishedTrees.delete(finishedTrees.keys().next().value!);
  return tree;
}

/** Builds the tree in this thread (finished ones are kept). */
export function treeHere(text: string, finished: boolean): Root {
  if (!finished) return markdownToHast(text, false);
  return cachedFinishedTree(text) ?? remember(text, markdownToHast(text, true));
}

/** Sends a request, answers come back through `receive`; `fail` when the worker is gone. */
export type ParserConnect = (receive: (response: MarkdownResponse) => void, fail: () => void) => (request: MarkdownRequest) => void;

export interface OffThreadParser {
  /** A block's tree; a finished one highlighted (and kept). */
  tree(text: string, finished: boolean): Promise<Root>;
  /** The rendered HTML of a block being streamed (lib/markdown/live-html.ts). */
  html(text: string): Promise<string>;
}

type Waiter = { text: string; finished: boolean; resolve: (response: { tree: Root | null; html?: string } | null) => void };

export function createOffThreadParser(connect: ParserConnect): OffThreadParser {
  const pending = new Map<number, Waiter>();
  let send: ((request: MarkdownRequest) => void) | null = null;
  let broken = false;
  let nextId = 1;
  const settle = (id: number, response: { tree: Root | null; html?: string } | null) => {
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    waiter.resolve(response);
  };
  // null: build it here (no worker, or it is gone).
  const ask = (text: string, finished: boolean, as?: "html") => {
    if (!broken) {
      try {
        send ??= connect(
          (response) => "id" in response && settle(response.id, response),
          () => {
            broken = true;
            for (const id of [...pending.keys()]) settle(id, null);
          },
        );
      } catch {
        broken = true;
      }
    }
    if (broken) return Promise.resolve(null);
    const id = nextId++;
    return new Promise<{ tree: Root | null; html?: string } | null>((resolve) => {
      pending.set(id, { text, finished, resolve });
      send!({ id, text, finished, ...(as ? { as } : {}) });
    });
  };
  return {
    async tree(text, finished) {
      const cached = finished ? cachedFinishedTree(text) : undefined;
      if (cached) return cached;
      const built = (await ask(text, finished))?.tree ?? markdownToHast(text, finished);
      return finished ? remember(text, built) : built;
    },
    async html(text) {
      return (await ask(text, false, "html"))?.html ?? liveBlockHtml(text);
    },
  };
}

const connectWorker: ParserConnect = (receive, fail) =>
  connectReadyWorker<MarkdownRequest, MarkdownResponse>(
    createDistinctWorker("markdown", () => new Worker(new URL("./markdown.worker.ts", import.meta.url), { type: "module", name: "markdown" })),
    receive,
    fail,
  );

let shared: OffThreadParser | null = null;
const parser = () =>
  (shared ??= typeof Worker === "undefined" ? { tree: async (t, f) => treeHere(t, f), html: async (t) => liveBlockHtml(t) } : createOffThreadParser(connectWorker));

/** The tree built in the markdown worker (or here when it cannot run). */
export function treeOffThread(text: string, finished: boolean): Promise<Root> {
  return parser().tree(text, finished);
}

/** The HTML of a block being streamed, built in the markdown worker (or here when it cannot run). */
export function htmlOffThread(text: string): Promise<string> {
  return parser().html(text);
}
