"use client";
import { lazy, Suspense, useState, type ComponentType } from "react";
import type { Conversation } from "@/lib/types";
import { EmptyChat } from "./empty-chat";

type ListProps = { conversation: Conversation };
let loaded: ComponentType<ListProps> | null = null;
let loading: Promise<{ default: ComponentType<ListProps> }> | null = null;
// The virtualised list (with @tanstack/virtual and every message part) is not needed for the
// empty conversation a first visit starts with: it loads when there are messages, or soon after start.
const loadList = () =>
  (loading ??= import("./message-list").then((m) => {
    loaded = m.MessageList;
    return { default: m.MessageList };
  }));
const LazyList = lazy(loadList);

/** Starts fetching the message list early: a stored conversation needs it at once, a new one soon. */
export function preloadMessageList(): void {
  void loadList().catch(() => {
    // A failed chunk (offline, deploy in between) is tried again when a conversation needs it.
    loading = null;
  });
}

const listClass = "flex-1 overflow-y-auto [overflow-anchor:none]";

/** The open conversation's messages, or the empty state without loading the list. */
export function ThreadView({ conversation }: { conversation: Conversation | undefined }) {
  const [Direct] = useState(() => loaded);
  if (!conversation || conversation.messages.length === 0) {
    return (
      <div data-testid="message-list" className={listClass}>
        {conversation && <EmptyChat conversation={conversation} />}
      </div>
    );
  }
  // The module itself when it was in before this view mounted, so a preloaded list never shows the
  // fallback for a frame. Chosen once per view: switching from the lazy wrapper to the module later
  // would mount the list again, and it would jump back to the bottom.
  if (Direct) return <Direct conversation={conversation} />;
  return (
    <Suspense fallback={<div data-testid="message-list" className={listClass} />}>
      <LazyList conversation={conversation} />
    </Suspense>
  );
}
