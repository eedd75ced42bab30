/// <reference lib="webworker" />
/**
 * Parses markdown blocks off the main thread while an answer streams: the block being written is
 * turned into HTML again with every update, and a block that closes is highlighted once. The same
 * pipeline as the page (lib/markdown/pipeline-core.ts), so the trees are the ones the page would build.
 */
import { visit } from "unist-util-visit";
import { highlightedHast, liveHast } from "./pipeline-core";
import { liveBlockHtml } from "./live-html";
import type { Root } from "hast";
import type { MarkdownRequest, MarkdownResponse } from "./markdown-protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<MarkdownRequest>) => {
  const { id, text, finished, as } = event.data;
  if (as === "html") {
    let html: string | undefined;
    try {
      html = liveBlockHtml(text);
    } catch {
      // The page builds it itself.
    }
    scope.postMessage({ id, tree: null, html } satisfies MarkdownResponse);
    return;
  }
  let tree: Root | null = null;
  try {
    tree = finished ? highlightedHast(text) : liveHast(text);
    // Source positions are not rendered; without them the tree is about half as long to copy.
    if (tree) visit(tree, (node) => void delete node.position);
  } catch {
    // The page parses it itself.
  }
  scope.postMessage({ id, tree } satisfies MarkdownResponse);
};
scope.postMessage({ type: "ready" } satisfies MarkdownResponse);
