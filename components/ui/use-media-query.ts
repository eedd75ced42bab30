"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches now, following changes (a phone turned sideways, a window
 * resized). For layouts that differ in their markup, not only in their styles: a phone's stacked
 * rows against a wide screen's table. Server renders and hydration see `false` (the wide layout).
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const media = window.matchMedia(query);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}
