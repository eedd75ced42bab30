"use client";
import { useEffect, useRef } from "react";
import { createDraftKeeper } from "@/lib/client/kept-draft";

/**
 * Keeps the composer's text in storage while it changes (lib/client/kept-draft.ts), and writes what
 * is pending when the composer goes away (an error card takes its place) or the page is hidden
 * (a tab closed or sent to the background on a phone, where unload may never come).
 */
export function useKeptDraft(text: string) {
  const keeper = useRef<ReturnType<typeof createDraftKeeper> | null>(null);
  keeper.current ??= createDraftKeeper();
  // The box starts empty and takes what was typed or kept in a layout effect: only a change from
  // what it last held is written, so that first empty text (run twice in development) never wipes
  // the kept draft.
  const last = useRef("");
  useEffect(() => {
    if (text === last.current) return;
    last.current = text;
    keeper.current!.change(text);
  }, [text]);
  useEffect(() => {
    const kept = keeper.current!;
    const hidden = () => {
      if (document.visibilityState === "hidden") kept.flush();
    };
    window.addEventListener("pagehide", kept.flush);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", kept.flush);
      document.removeEventListener("visibilitychange", hidden);
      kept.flush();
    };
  }, []);
}
