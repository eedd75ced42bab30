/// <reference lib="webworker" />
/**
 * Parses markdown blocks off the main thread while an answer streams: the block being written is
 * turned into HTML again with every update, and a block that closes is highlighted once. The same
 * pipeline as the page (lib/markdown/pipeline-core.ts), so the trees are the ones the page would build.
 */
import { visit } from "unist-util-visit";
import { highlightedHast, liveHast } from "./pipeline-core";
import { highlightedCodeData } from "./rehype-code-highlight";
import { liveBlockHtml } from "./live-html";
import { createHighlightWarmer } from "./highlight-warmer";
import type { Root } from "hast";
import type { MarkdownRequest, MarkdownResponse } from "./markdown-protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Source positions are not rendered; without them the tree is about half as long to copy. */
function withoutPositions(tree: Root | null): Root | null {
  if (tree) visit(tree, (node) => void delete node.position);
  return tree;
}

/**
 * A highlighted code element is rendered from the HTML in its data (components/chat/markdown-elements.tsx),
 * never from its token spans: a long block's thousands of spans are left out of the copy to the page.
 */
function finishedTree(text: string): Root | null {
  const tree = withoutPositions(highlightedHast(text));
  if (tree) visit(tree, "element", (node) => void (highlightedCodeData(node) && (node.children = [])));
  return tree;
}

const warmer = createHighlightWarmer(finishedTree);

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
    warmer.consider(text);
    return;
  }
  let tree: Root | null = null;
  try {
    tree = finished ? (warmer.take(text) ?? finishedTree(text)) : withoutPositions(liveHast(text));
  } catch {
    // The page parses it itself.
  }
  scope.postMessage({ id, tree } satisfies MarkdownResponse);
};
scope.postMessage({ type: "ready" } satisfies MarkdownResponse);
