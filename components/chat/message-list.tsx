"use client";
import { useEffect, useMemo, useRef } from "react";
import type { Conversation, LedgerEntry } from "@/lib/types";
import { useStreaming } from "@/store/streaming";
import { conversationBusy } from "@/store/chat-actions";
import { useT } from "@/store/language";
import { MessageItem } from "./message-item";

const EMPTY: LedgerEntry[] = [];

/** The messages of one conversation; follows the bottom while an answer streams, unless the user scrolled up. */
export function MessageList({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const { messages, ledger, id } = conversation;
  const busy = conversationBusy(conversation);

  const titleCalls = useMemo(() => {
    const map = new Map<string, LedgerEntry[]>();
    for (const e of ledger) if (e.kind === "title" && e.messageId) map.set(e.messageId, [...(map.get(e.messageId) ?? []), e]);
    return map;
  }, [ledger]);

  const scrollToEnd = () => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  };

  useEffect(() => {
    stick.current = true;
    scrollToEnd();
  }, [id]);
  useEffect(scrollToEnd, [messages.length, ledger.length]);
  useEffect(() => useStreaming.subscribe(scrollToEnd), []);

  const last = messages[messages.length - 1];
  return (
    <div
      ref={scroller}
      data-testid="message-list"
      className="flex-1 overflow-y-auto"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.length === 0 ? (
        <p className="mx-auto mt-24 max-w-md px-6 text-center text-zinc-500">{t("chat.empty")}</p>
      ) : (
        <div className="pb-6 pt-2">
          {messages.map((m) => (
            <MessageItem
              key={m.id}
              convId={id}
              message={m}
              busy={busy}
              canRegenerate={m === last && m.role === "assistant"}
              titleCalls={titleCalls.get(m.id) ?? EMPTY}
            />
          ))}
        </div>
      )}
    </div>
  );
}
