"use client";
import { useLayoutEffect, useRef } from "react";
import { createStreamReserve, reserveStep } from "@/lib/chat/stream-reserve";

function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    // Under load an idle moment may not come soon: the text reaching the end takes the step anyway.
    const handle = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 50);
  return () => clearTimeout(timer);
}

/**
 * While `active` (the answer streams), `box` keeps room free below `content` and grows in steps
 * (lib/chat/stream-reserve.ts); the room goes when the answer is done.
 */
export function useStreamReserve(active: boolean) {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!active || !outer || !inner || typeof ResizeObserver !== "function") return;
    const reserve = createStreamReserve({
      step: () => reserveStep(window.visualViewport?.height ?? window.innerHeight),
      apply: (px) => void (outer.style.minHeight = `${px}px`),
      later: whenIdle,
    });
    // Observed after layout: reading the size there forces no layout of its own.
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      reserve.contentHeight(entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height);
    });
    observer.observe(inner);
    return () => {
      observer.disconnect();
      reserve.dispose();
      outer.style.minHeight = "";
    };
  }, [active]);
  return { box, content };
}
