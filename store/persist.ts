/**
 * Connects the stores to IndexedDB: loads once at start, then writes only what changed
 * (conversations by identity, and within them only the changed messages, throttled; settings
 * debounced). Storage failures, quota above all, surface as a notice instead of silently losing data.
 */
import { isQuotaError, loadState, putValue } from "@/lib/client/storage";
import { createSaveScheduler } from "@/lib/client/save-scheduler";
import type { Conversation } from "@/lib/types";
import { useConversations } from "./conversations";
import { migrateSettings, settingsSnapshot, useSettings } from "./settings";
import { useAccess } from "./access";
import { useNotices } from "./notices";
import { useStreaming } from "./streaming";

let started = false;
let settingsWereStored = false;

/** false on a first visit: then the server's defaults apply in full. */
export function hadStoredSettings(): boolean {
  return settingsWereStored;
}

function reportStorageError(err: unknown) {
  useNotices.getState().push({
    kind: "error",
    key: isQuotaError(err) ? "notice.storageFull" : "notice.storageFailed",
    values: { detail: String((err as Error)?.message ?? err) },
    actions: ["export", "openData"],
  });
}

const BLOCKED = "notice.storageBlocked";

export async function startPersistence(): Promise<void> {
  if (started) return;
  started = true;
  // What the database holds once loaded: the scheduler's first diff of each conversation starts here.
  let saved: Conversation[] = [];
  try {
    const stored = await loadState(() => useNotices.getState().push({ kind: "info", key: BLOCKED }));
    settingsWereStored = stored.settings !== null;
    useSettings.getState().replace(migrateSettings(stored.settings));
    useConversations.getState().hydrate(stored.conversations, stored.currentId);
    saved = stored.conversations;
    if (stored.accessCode) useAccess.getState().setCode(stored.accessCode);
  } catch (err) {
    // Private mode or a blocked database: run in memory and say so.
    reportStorageError(err);
    useSettings.setState({ loaded: true });
    useConversations.getState().hydrate([], null);
  }
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.key !== BLOCKED) }));

  const scheduler = createSaveScheduler((id) => useConversations.getState().conversations[id], reportStorageError, { saved });
  useConversations.subscribe((state, prev) => {
    if (state.conversations !== prev.conversations) {
      for (const id in state.conversations) {
        if (state.conversations[id] !== prev.conversations[id]) scheduler.changed(id);
      }
      for (const id in prev.conversations) if (!(id in state.conversations)) scheduler.removed(id);
    }
    if (state.currentId !== prev.currentId) putValue("currentId", state.currentId).catch(reportStorageError);
  });

  let settingsTimer: ReturnType<typeof setTimeout> | null = null;
  const saveSettings = () => {
    settingsTimer = null;
    putValue("settings", settingsSnapshot()).catch(reportStorageError);
    try {
      // The pre-paint theme script in the layout reads this to avoid a flash of the wrong theme.
      localStorage.setItem("relaychat-theme", useSettings.getState().theme);
    } catch {
      /* storage blocked: the theme just applies a moment later */
    }
  };
  useSettings.subscribe(() => {
    if (settingsTimer) clearTimeout(settingsTimer);
    settingsTimer = setTimeout(saveSettings, 300);
  });
  useAccess.subscribe((state, prev) => {
    if (state.code !== prev.code) putValue("accessCode", state.code).catch(reportStorageError);
  });

  const flushAll = () => {
    // Text streamed since the last commit lives only in the streaming store: fold it in first,
    // so a reload or a closed tab keeps everything that had arrived.
    const live = useStreaming.getState().live;
    for (const [messageId, text] of Object.entries(live)) {
      useConversations.getState().patchMessage(text.convId, messageId, { content: text.content, reasoning: text.reasoning || undefined });
    }
    void scheduler.flush();
    if (settingsTimer) {
      clearTimeout(settingsTimer);
      saveSettings();
    }
  };
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushAll();
  });
}
