import { describe, expect, it } from "vitest";
import { visit } from "unist-util-visit";
import type { Root } from "hast";
import { liveBlockHtml } from "./live-html";
import { createOffThreadParser, cachedFinishedTree, treeHere, type ParserConnect } from "./block-trees";
import { highlightedHast, liveHast } from "./pipeline-core";
import { markdownToHast } from "./pipeline";
import type { MarkdownRequest, MarkdownResponse } from "./markdown-protocol";

/** What the worker does (lib/markdown/markdown.worker.ts), answered asynchronously through a clone. */
function inProcessWorker() {
  const requests: MarkdownRequest[] = [];
  const connect: ParserConnect = (receive) => (request) => {
    requests.push(request);
    const tree = request.as === "html" ? null : request.finished ? highlightedHast(request.text) : liveHast(request.text);
    if (tree) visit(tree, (node) => void delete node.position);
    const html = request.as === "html" ? liveBlockHtml(request.text) : undefined;
    const response: MarkdownResponse = structuredClone({ id: request.id, tree, html });
    setTimeout(() => receive(response), 0);
  };
  return { connect, requests };
}

function withoutPositions(tree: Root): Root {
  visit(tree, (node) => void delete node.position);
  return tree;
}

describe("createOffThreadParser", () => {
  it("gives the trees the page would build, and keeps finished ones", async () => {
    const worker = inProcessWorker();
    const parse = createOffThreadParser(worker.connect).tree;
    const text = "Some **bold** and `code`:\n\n```ts\nconst a = 1;\n```";
    expect(await parse(text, false)).toEqual(withoutPositions(markdownToHast(text, false)));
    const finished = await parse(text, true);
    expect(finished).toEqual(withoutPositions(markdownToHast(text, true)));
    expect(cachedFinishedTree(text)).toBe(finished);
    // Cached: not asked again.
    expect(await parse(text, true)).toBe(finished);
    expect(worker.requests).toHaveLength(2);
  });

  it("builds math here: the worker answers null for it", async () => {
    const worker = inProcessWorker();
    const parse = createOffThreadParser(worker.connect).tree;
    const text = "Euler: $e^{i\\pi} + 1 = 0$";
    const tree = await parse(text, true);
    expect(JSON.stringify(tree)).toContain("katex");
    expect(tree).toEqual(markdownToHast(text, true));
  });

  it("builds here when the worker cannot start or dies, answering what was in flight", async () => {
    const noWorker = createOffThreadParser(() => {
      throw new Error("no workers");
    }).tree;
    expect(await noWorker("*a*", false)).toEqual(markdownToHast("*a*", false));

    let fail: () => void = () => undefined;
    const dying = createOffThreadParser((_receive, onFail) => {
      fail = onFail;
      return () => undefined;
    }).tree;
    const inFlight = dying("**b**", false);
    fail();
    expect(await inFlight).toEqual(markdownToHast("**b**", false));
    expect(await dying("c", false)).toEqual(markdownToHast("c", false));
  });
});

describe("createOffThreadParser().html", () => {
  it("gives the worker's HTML of a block being streamed, or builds it here once the worker is gone", async () => {
    const worker = inProcessWorker();
    const parser = createOffThreadParser(worker.connect);
    const text = "Some **bold**, a [link](https://example.com) and\n\n```ts\nconst a = 1;";
    expect(await parser.html(text)).toBe(liveBlockHtml(text));
    expect(worker.requests).toEqual([{ id: 1, text, finished: false, as: "html" }]);

    let fail: () => void = () => undefined;
    const dying = createOffThreadParser((_receive, onFail) => {
      fail = onFail;
      return () => undefined;
    });
    const inFlight = dying.html("*x*");
    fail();
    expect(await inFlight).toBe(liveBlockHtml("*x*"));
  });
});

describe("treeHere", () => {
  it("caches finished trees by text and evicts the least recently used", () => {
    const first = treeHere("# Title one", true);
    expect(treeHere("# Title one", true)).toBe(first);
    for (let i = 0; i < 600; i++) treeHere(`line ${i}`, true);
    expect(cachedFinishedTree("# Title one")).toBeUndefined();
  });
});
