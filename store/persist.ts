/**
 * Connects the stores to IndexedDB: loads once at start, then writes only what changed. Anything
 * but streamed text is written at once; streamed text about once a second. When the page hides or
 * unloads, what is not committed yet goes to a synchronous journal (lib/client/journal.ts) that
 * the next start replays. Other tabs are told what was saved and re-read it. Storage failures,
 * quota above all, surface as a notice; the unsaved changes stay in memory and are retried.
 */
import { putPrompts, putValue, readConversation, ReadOnlyError } from "@/lib/client/storage";
import { createSaveScheduler } from "@/lib/client/save-scheduler";
import { isStreamingTextOnly } from "@/lib/client/stored-records";
import { clearJournal, clearSettingsJournal, writeJournal, writeSettingsJournal } from "@/lib/client/journal";
import { announceSaved, holdTabLock, onOtherTabSaved, tabId, whenRunEnds } from "@/lib/client/tab-sync";
import { reviveConversation } from "@/lib/client/revive";
import { sweepImages } from "@/lib/client/storage-images";
import { imageRefsOf, releaseImages } from "@/lib/client/image-store";
import type { Conversation } from "@/lib/types";
import { useConversations } from "./conversations";
import { migrateSettings, settingsSnapshot, useSettings } from "./settings";
import { useAccess } from "./access";
import { pushStorageFailure, useNotices } from "./notices";
import { useStreaming } from "./streaming";
import { useLedger } from "./ledger";
import { usePrompts } from "./prompts";
import { useAttachments } from "./attachments";
import { isStreaming } from "./run-control";
import { detachLedger, loadInitialState } from "./persist-load";
import { writeLanguageHint } from "@/lib/client/language-hint";

let started = false;
let settingsWereStored = false;

/** false on a first visit: then the server's defaults apply in full. */
export function hadStoredSettings(): boolean {
  return settingsWereStored;
}

function reportStorageError(err: unknown) {
  if (err instanceof ReadOnlyError) {
    useNotices.getState().push({ kind: "error", key: "notice.readOnly", values: { version: err.version } });
    return;
  }
  pushStorageFailure(err);
}

function clearNotice(key: string) {
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.key !== key) }));
}

const BLOCKED = "notice.storageBlocked";
/** How long a tab whose stream ended gets to commit its end before another tab closes it. */
const RUN_END_GRACE_MS = 1500;
const conversationOf = (id: string): Conversation | undefined => {
  const s = useConversations.getState();
  return s.conversations[id] ?? s.trash[id];
};

/** How old an image no message names must be before the start-up sweep deletes it. */
const UNSENT_IMAGE_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Attachments a page stored but never sent (the tab closed with images in the composer): deleted a
 * while after start, off the load's path. The age spares another tab's attachments not sent yet.
 */
function sweepUnsentImages() {
  setTimeout(() => {
    const s = useConversations.getState();
    const named = new Set(imageRefsOf([...Object.values(s.conversations), ...Object.values(s.trash)]).map((r) => r.id));
    for (const item of useAttachments.getState().items) named.add(item.id);
    void sweepImages(named, Date.now() - UNSENT_IMAGE_AGE_MS).catch(() => 0);
  }, 10_000);
}

export async function startPersistence(): Promise<void> {
  if (started) return;
  started = true;
  holdTabLock();
  // What the database holds once loaded: the scheduler's first diff of each conversation starts here.
  let saved: Conversation[] = [];
  let readOnly = false;
  const expiredIds: string[] = [];
  try {
    const initial = await loadInitialState(() => useNotices.getState().push({ kind: "info", key: BLOCKED }));
    settingsWereStored = initial.settings !== null;
    useSettings.getState().replace(migrateSettings(initial.settings));
    // A store from before the hint existed: the next start shows its language from the first frame.
    writeLanguageHint(useSettings.getState().language);
    useConversations.getState().hydrate(initial.conversations, initial.currentId);
    useLedger.getState().hydrate([...initial.looseLedger, ...initial.expired.flatMap(detachLedger)].sort((a, b) => a.at - b.at));
    usePrompts.getState().hydrate(initial.prompts);
    saved = initial.stored;
    expiredIds.push(...initial.expired.map((c) => c.id));
    if (initial.accessCode) useAccess.getState().setCode(initial.accessCode);
    if (initial.newerVersion !== null) {
      readOnly = true;
      reportStorageError(new ReadOnlyError(initial.newerVersion));
    }
    if (initial.journalError) reportStorageError(initial.journalError);
  } catch (err) {
    // Private mode or a blocked database: run in memory and say so.
    reportStorageError(err);
    useSettings.setState({ loaded: true });
    useConversations.getState().hydrate([], null);
  }
  clearNotice(BLOCKED);
  if (readOnly) return;
  sweepUnsentImages();

  let journaling = false;
  const scheduler = createSaveScheduler(conversationOf, reportStorageError, {
    saved,
    onCommitted: (ids) => {
      announceSaved(ids);
      clearNotice("notice.storageFull");
      clearNotice("notice.storageFailed");
      // Keep the journal in step with what is still uncommitted, so it never holds older text
      // than the database (a replay would otherwise bring old text back).
      if (journaling) {
        const pending = scheduler.uncommitted();
        journaling = !writeJournal(tabId, pending) || pending.length > 0;
      }
    },
  });
  // What the load changed (closed streams, their ledger lines, repaired trees) is written now;
  // expired trash goes for good, its ledger lines staying as loose ones.
  const byId = new Map(saved.map((c) => [c.id, c]));
  for (const c of [...Object.values(useConversations.getState().conversations), ...Object.values(useConversations.getState().trash)]) {
    if (byId.get(c.id) !== c) scheduler.changed(c.id, true);
  }
  for (const id of expiredIds) scheduler.removed(id);
  for (const e of useLedger.getState().detached) if (e.convTitle !== undefined && expiredIds.includes(e.convId ?? "")) scheduler.addLooseLedger(e);

  let applyingRemote = false;
  useConversations.subscribe((state, prev) => {
    if (applyingRemote) return;
    if (state.conversations !== prev.conversations || state.trash !== prev.trash) {
      for (const id in state.conversations) {
        const next = state.conversations[id];
        const before = prev.conversations[id];
        if (next !== before) scheduler.changed(id, !isStreamingTextOnly(before, next));
      }
      for (const id in state.trash) if (state.trash[id] !== prev.trash[id]) scheduler.changed(id, true);
      for (const id of [...Object.keys(prev.conversations), ...Object.keys(prev.trash)]) {
        if (id in state.conversations || id in state.trash) continue;
        // Gone for good: its cost history stays, as loose ledger lines.
        const gone = prev.conversations[id] ?? prev.trash[id];
        scheduler.removed(id);
        // Its blobs go with its records (storage.ts writeBatch); the memory copies go now.
        releaseImages(imageRefsOf([gone]).map((r) => r.id));
        useLedger.getState().importEntries(detachLedger(gone));
      }
    }
    if (state.currentId !== prev.currentId) putValue("currentId", state.currentId).catch(reportStorageError);
  });
  useLedger.subscribe((state, prev) => {
    if (state.detached === prev.detached) return;
    const before = new Set(prev.detached);
    for (const e of state.detached) if (!before.has(e)) scheduler.addLooseLedger(e);
  });
  usePrompts.subscribe((state, prev) => {
    if (state.prompts === prev.prompts) return;
    const before = new Set(prev.prompts);
    const ids = new Set(state.prompts.map((p) => p.id));
    putPrompts(state.prompts.filter((p) => !before.has(p)), prev.prompts.filter((p) => !ids.has(p.id)).map((p) => p.id)).catch(reportStorageError);
  });

  // Another tab committed these conversations: take its version, unless this tab has its own
  // changes in them waiting (its next write merges the message order) or streams into them.
  onOtherTabSaved(async (ids) => {
    for (const id of ids) {
      const local = conversationOf(id);
      if (scheduler.isDirty(id) || local?.messages.some((m) => isStreaming(m.id))) continue;
      const next = await readConversation(id).catch(() => undefined);
      if (scheduler.isDirty(id)) continue;
      applyingRemote = true;
      try {
        useConversations.getState().replaceFromStorage(id, next);
      } finally {
        applyingRemote = false;
      }
      const applied = conversationOf(id);
      if (applied) scheduler.setSaved(applied);
    }
  });

  // A message the load left streaming belongs to a stream another tab held at that moment (or a
  // page that was just reloaded, whose lock outlived it briefly). Once its lock is free, give the
  // owner a moment to commit its end, then close it here if nobody did.
  for (const c of Object.values(useConversations.getState().conversations)) {
    for (const m of c.messages) {
      if (m.status !== "streaming" || isStreaming(m.id)) continue;
      void whenRunEnds(m.id)
        .then(() => new Promise((r) => setTimeout(r, RUN_END_GRACE_MS)))
        .then(async () => {
          const stored = await readConversation(c.id).catch(() => undefined);
          const local = conversationOf(c.id);
          if (!stored || !local || scheduler.isDirty(c.id) || local.messages.some((x) => isStreaming(x.id))) return;
          const revived = reviveConversation(stored);
          if (revived !== stored) useConversations.getState().replaceFromStorage(c.id, revived);
        });
    }
  }

  let settingsTimer: ReturnType<typeof setTimeout> | null = null;
  // Settings changed since the last write that is known to have committed: a write still in
  // flight when the page goes away may never commit, so it counts as not saved.
  let settingsUnsaved = false;
  let settingsWrites = 0;
  const saveSettings = () => {
    settingsTimer = null;
    const write = ++settingsWrites;
    putValue("settings", settingsSnapshot()).then(() => {
      if (write !== settingsWrites) return;
      settingsUnsaved = false;
      clearSettingsJournal();
    }, reportStorageError);
    try {
      // The pre-paint theme script in the layout reads this to avoid a flash of the wrong theme.
      localStorage.setItem("relaychat-theme", useSettings.getState().theme);
    } catch {
      /* storage blocked: the theme just applies a moment later */
    }
    writeLanguageHint(useSettings.getState().language);
  };
  useSettings.subscribe(() => {
    settingsUnsaved = true;
    if (settingsTimer) clearTimeout(settingsTimer);
    settingsTimer = setTimeout(saveSettings, 300);
  });
  useAccess.subscribe((state, prev) => {
    if (state.code !== prev.code) putValue("accessCode", state.code).catch(reportStorageError);
  });

  const flushAll = () => {
    // Text streamed since the last commit lives only in the streaming store: fold it in first,
    // so a reload or a closed tab keeps everything that was on screen.
    const live = useStreaming.getState().live;
    for (const [messageId, text] of Object.entries(live)) {
      useConversations.getState().patchMessage(text.convId, messageId, { content: text.content, reasoning: text.reasoning || undefined });
    }
    // The journal is written synchronously: an IndexedDB transaction opened now may never commit.
    const pending = scheduler.uncommitted();
    journaling = pending.length > 0 && writeJournal(tabId, pending);
    void scheduler.flush();
    if (settingsUnsaved) {
      // Like the messages: kept synchronously too, replayed at the next start.
      writeSettingsJournal(settingsSnapshot());
      if (settingsTimer) {
        clearTimeout(settingsTimer);
        saveSettings();
      }
    }
  };
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushAll();
    // Back in view with everything committed: the journal has nothing to add.
    else if (scheduler.uncommitted().length === 0) clearJournal(tabId);
  });
}
