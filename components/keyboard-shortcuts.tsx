"use client";
import { lazy, Suspense, useEffect, useState } from "react";
import { isMacPlatform, shortcutFor, type ShortcutAction } from "@/lib/client/shortcuts";
import { copyText } from "@/lib/client/clipboard";
import { threadOf } from "@/lib/chat/thread";
import { useConversations } from "@/store/conversations";
import { conversationBusy } from "@/store/chat-params";
import { stopConversation } from "@/store/run-control";
import { loadSendPath } from "@/store/send-path";
import { useNotices } from "@/store/notices";
// The help sheet loads when first asked for.
const ShortcutsHelp = lazy(() => import("./shortcuts-help").then((m) => ({ default: m.ShortcutsHelp })));

function focusComposer() {
  document.getElementById("composer-input")?.focus();
}

function flash(key: "shortcuts.copied" | "shortcuts.nothingToCopy") {
  const notices = useNotices.getState();
  notices.push({ kind: "info", key });
  setTimeout(() => useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.key !== key) })), 2500);
}

async function run(action: ShortcutAction) {
  const store = useConversations.getState();
  const current = store.currentId ? store.conversations[store.currentId] : undefined;
  if (action === "newChat") {
    store.create();
    requestAnimationFrame(focusComposer);
  } else if (action === "focusComposer") focusComposer();
  else if (action === "stop" && current) stopConversation(current.id);
  else if (action === "regenerate" && current && !conversationBusy(current)) void loadSendPath().then((m) => m.regenerate(current.id));
  else if (action === "copyLastAnswer") {
    const last = current ? [...threadOf(current)].reverse().find((m) => m.role === "assistant" && m.content) : undefined;
    if (!last) return flash("shortcuts.nothingToCopy");
    if (await copyText(last.content)) flash("shortcuts.copied");
  }
}

/** Listens for the shortcuts (lib/client/shortcuts.ts) and shows their list on `?`. */
export function KeyboardShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);
  const [mac, setMac] = useState(false);
  useEffect(() => {
    const isMac = isMacPlatform(navigator.platform || navigator.userAgent);
    setMac(isMac);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target as HTMLElement | null;
      const store = useConversations.getState();
      const current = store.currentId ? store.conversations[store.currentId] : undefined;
      const action = shortcutFor(
        {
          key: e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          shiftKey: e.shiftKey,
          altKey: e.altKey,
          inTextField: Boolean(target?.closest("input, textarea, select, [contenteditable='true']")),
          inDialog: Boolean(document.querySelector('[role="dialog"][aria-modal="true"]')),
          streaming: conversationBusy(current),
        },
        isMac,
      );
      if (!action || action === "search") return;
      e.preventDefault();
      if (action === "help") setHelpOpen(true);
      else void run(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  if (!helpOpen) return null;
  return (
    <Suspense fallback={null}>
      <ShortcutsHelp mac={mac} onClose={() => setHelpOpen(false)} />
    </Suspense>
  );
}
