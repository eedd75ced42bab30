/**
 * Trees of markdown blocks for the renderer. Finished blocks are cached by their text, so a long
 * answer scrolled back into view or a streamed block that closed is not parsed again. While an
 * answer streams, blocks are parsed in a worker (lib/markdown/markdown.worker.ts) with the same
 * pipeline; math, and everything when no worker can run, is parsed here.
 */
import type { Root } from "hast";
import { markdownToHast } from "./pipeline";
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

export function createOffThreadParser(connect: ParserConnect) {
  const pending = new Map<number, { text: string; finished: boolean; resolve: (tree: Root) => void }>();
  let send: ((request: MarkdownRequest) => void) | null = null;
  let broken = false;
  let nextId = 1;
  const settle = (id: number, tree: Root | null) => {
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    const built = tree ?? markdownToHast(waiter.text, waiter.finished);
    waiter.resolve(waiter.finished ? remember(waiter.text, built) : built);
  };
  return (text: string, finished: boolean): Promise<Root> => {
    if (finished) {
      const cached = cachedFinishedTree(text);
      if (cached) return Promise.resolve(cached);
    }
    if (!broken) {
      try {
        send ??= connect(
          (response) => "id" in response && settle(response.id, response.tree),
          () => {
            broken = true;
            for (const id of [...pending.keys()]) settle(id, null);
          },
        );
      } catch {
        broken = true;
      }
    }
    if (broken) return Promise.resolve(treeHere(text, finished));
    const id = nextId++;
    return new Promise<Root>((resolve) => {
      pending.set(id, { text, finished, resolve });
      send!({ id, text, finished });
    });
  };
}

const connectWorker: ParserConnect = (receive, fail) =>
  connectReadyWorker<MarkdownRequest, MarkdownResponse>(
    createDistinctWorker("markdown", () => new Worker(new URL("./markdown.worker.ts", import.meta.url), { type: "module", name: "markdown" })),
    receive,
    fail,
  );

let shared: ((text: string, finished: boolean) => Promise<Root>) | null = null;

/** The tree built in the markdown worker (or here when it cannot run). */
export function treeOffThread(text: string, finished: boolean): Promise<Root> {
  shared ??= typeof Worker === "undefined" ? async (t, f) => treeHere(t, f) : createOffThreadParser(connectWorker);
  return shared(text, finished);
}
