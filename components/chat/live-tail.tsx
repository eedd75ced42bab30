"use client";
import { useLayoutEffect, useRef } from "react";
import { useStreaming } from "@/store/streaming";
import { liveBlocks, tailTexts } from "@/lib/markdown/live-blocks";
import { createLiveTailView, type LiveTailView } from "@/lib/markdown/live-tail-view";
import { htmlOffThread } from "@/lib/markdown/block-trees";
import { morphChildren } from "@/lib/markdown/morph";
import { reportCostAfterPaint, reportStreamRenderCost } from "@/lib/chat/publish-pacer";

/**
 * The blocks of a streamed answer from `from` on, kept up to date from the streaming store without
 * rendering React: each is the worker's HTML, patched in where it changed, in a wrapper that takes
 * no box (app/globals.css spaces them like the answer's own blocks). React takes blocks over from
 * the front as their highlighted trees become ready; they leave the tail in the same commit.
 */
export function LiveTail({ messageId, from, content }: { messageId: string; from: number; content: string }) {
  const host = useRef<HTMLElement>(null);
  const view = useRef<LiveTailView | null>(null);
  const shownFrom = useRef(from);
  const fallback = useRef(content);
  fallback.current = content;
  const current = () => liveBlocks(messageId, useStreaming.getState().live[messageId]?.content ?? fallback.current);

  useLayoutEffect(() => {
    const element = host.current!;
    const parser = document.createElement("template");
    const tail = createLiveTailView({
      html: htmlOffThread,
      addSegment() {
        const segment = document.createElement("section");
        segment.className = "md-live-block";
        element.appendChild(segment);
        return {
          setHtml(html) {
            // Parsed apart from the page, then only what changed is put in (lib/markdown/morph.ts).
            parser.innerHTML = html;
            morphChildren(segment, parser.content);
          },
          remove: () => segment.remove(),
        };
      },
      // What putting it in and painting it took is the streamed update's cost (lib/chat/publish-pacer.ts).
      shown: (startedAt) => reportCostAfterPaint(startedAt, reportStreamRenderCost),
    });
    view.current = tail;
    tail.show(shownFrom.current, tailTexts(current(), shownFrom.current));
    const stop = useStreaming.subscribe((state, previous) => {
      const text = state.live[messageId]?.content;
      if (text !== undefined && text !== previous.live[messageId]?.content) tail.show(shownFrom.current, tailTexts(liveBlocks(messageId, text), shownFrom.current));
    });
    return () => {
      stop();
      tail.dispose();
      view.current = null;
    };
  }, [messageId]);

  // Blocks React now renders leave the tail before this commit is painted.
  useLayoutEffect(() => {
    shownFrom.current = from;
    view.current?.show(from, tailTexts(current(), from));
  }, [from]);

  return <section ref={host} className="md-tail" />;
}
