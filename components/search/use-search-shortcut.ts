"use client";
import { useEffect } from "react";
import { openSearch, useSearch } from "@/store/search";

/**
 * Ctrl+K (⌘K on a Mac) opens the search from anywhere in the chat (`enabled`: not on the access
 * gate); pressed again, it selects the query.
 */
export function useSearchShortcut(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "k" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.isComposing) return;
      // Another dialog open (settings, the prompt library): only its own keys apply.
      if (document.querySelector('[role="dialog"][aria-modal="true"]:not([data-testid="search-dialog"])')) return;
      // The browser's own Ctrl+K (focus its search bar) would take the keystroke otherwise.
      e.preventDefault();
      if (useSearch.getState().open) document.querySelector<HTMLInputElement>('[data-testid="search-input"]')?.select();
      else openSearch();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/** How the shortcut reads on this machine. */
export function searchShortcutLabel(): string {
  const platform = typeof navigator === "undefined" ? "" : navigator.platform || navigator.userAgent;
  return /Mac|iPhone|iPad/.test(platform) ? "⌘K" : "Ctrl K";
}
