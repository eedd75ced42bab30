"use client";
import { useLayoutEffect, useRef } from "react";
import { createStreamReserve, reserveStep } from "@/lib/chat/stream-reserve";
import { whenIdle } from "@/lib/client/when-idle";

// Under load an idle moment may not come soon: the text reaching the end takes the step anyway.
const idleStep = (task: () => void) => whenIdle(task, { timeout: 1000, fallbackMs: 50 });

/**
 * While `active` (the answer streams), `box` keeps room free below `content` and grows in steps
 * (lib/chat/stream-reserve.ts); the room goes when the answer is done (a reader at the bottom
 * then sees the answer move down by what was left of it, as its usage line and buttons appear).
 */
export function useStreamReserve(active: boolean) {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!active || !outer || !inner || typeof ResizeObserver !== "function") return;
    // Steps follow the height of the list on screen (a phone's keyboard takes half of it). The
    // observer's first report brings it with the content's, so nothing is read here.
    const list = outer.closest<HTMLElement>("[data-message-scroller]");
    let listHeight = window.innerHeight;
    const reserve = createStreamReserve({
      step: () => reserveStep(listHeight),
      apply: (px) => void (outer.style.minHeight = `${px}px`),
      later: idleStep,
    });
    // Sizes come from the observer, after layout: reading them forces no layout of its own.
    const observer = new ResizeObserver((entries) => {
      let content: number | null = null;
      for (const entry of entries) {
        const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
        if (entry.target === inner) content = height;
        else if (height > 0) listHeight = height;
      }
      if (content !== null) reserve.contentHeight(content);
    });
    observer.observe(inner);
    if (list) observer.observe(list);
    return () => {
      observer.disconnect();
      reserve.dispose();
      outer.style.minHeight = "";
    };
  }, [active]);
  return { box, content };
}
