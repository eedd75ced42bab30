/**
 * The message being typed, kept in localStorage so nothing typed is lost: not on a reload, a
 * closed tab or a crash, and not when the start fails and an error card takes the composer's place
 * (components/chat-app.tsx shows the kept text there). One draft per browser: the composer puts it
 * back when it starts with an empty box (the first screen's inline script already does, before the
 * page's scripts run: lib/client/early-send.ts), and sending clears it.
 */
import { safeLocalStorage } from "./safe-local-storage";

export const KEPT_DRAFT_KEY = "relaychat-draft";

type Reader = Pick<Storage, "getItem">;
type Writer = Pick<Storage, "setItem" | "removeItem">;

export function readKeptDraft(storage: Reader | null = safeLocalStorage()): string {
  try {
    return storage?.getItem(KEPT_DRAFT_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Keeps `text` (an empty or blank box removes it). False when storage refused it (full or blocked). */
export function writeKeptDraft(text: string, storage: Writer | null = safeLocalStorage()): boolean {
  try {
    if (text.trim() === "") storage?.removeItem(KEPT_DRAFT_KEY);
    else storage?.setItem(KEPT_DRAFT_KEY, text);
    return storage !== null;
  } catch {
    // Full: an older draft must not come back in place of this one.
    try {
      storage?.removeItem(KEPT_DRAFT_KEY);
    } catch {
      /* blocked */
    }
    return false;
  }
}

/**
 * Writes at most once per `delayMs` while text changes (a long paste is not written per key), and
 * at once on `flush` (the composer going away, the page being hidden).
 */
export function createDraftKeeper(write: (text: string) => unknown = writeKeptDraft, delayMs = 300, timers: Pick<typeof globalThis, "setTimeout" | "clearTimeout"> = globalThis) {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const text = pending;
    pending = null;
    write(text);
  };
  return {
    change(text: string) {
      pending = text;
      // Clearing (a send) is written at once: a reload right after must not bring the text back.
      if (text.trim() === "") return flush();
      if (timer === null) timer = timers.setTimeout(flush, delayMs);
    },
    flush,
  };
}
