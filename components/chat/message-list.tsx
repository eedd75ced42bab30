"use client";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Conversation, LedgerEntry } from "@/lib/types";
import { threadOf } from "@/lib/chat/thread";
import { branchPosition } from "@/lib/chat/branches";
import { conversationBusy } from "@/store/chat-params";
import { useConversationPreparing } from "@/store/preparing";
import { useSearch } from "@/store/search";
import { MessageItem } from "./message-item";
import { EmptyChat } from "./empty-chat";

const EMPTY: LedgerEntry[] = [];
const ESTIMATED_ROW_PX = 160;
/** Room under the last message. */
const BOTTOM_PADDING_PX = 24;
/** How long a message opened from search stays marked (the CSS flash is as long). */
const FLASH_MS = 2400;

/**
 * The messages of one conversation, virtualised: only the rows near the viewport are rendered, so
 * a 2,000-message conversation opens at once. It follows the bottom while an answer streams,
 * unless the user scrolled up.
 */
export function MessageList({ conversation }: { conversation: Conversation }) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const { ledger, id } = conversation;
  const [searchTarget, setSearchTarget] = useState<string | null>(null);
  // The branch shown; for a conversation without branches, `messages` itself.
  const messages = threadOf(conversation);
  // The hook re-renders when a request starts being prepared, before any message streams.
  const preparing = useConversationPreparing(conversation);
  const busy = preparing || conversationBusy(conversation);

  const titleCalls = useMemo(() => {
    const map = new Map<string, LedgerEntry[]>();
    for (const e of ledger) if (e.kind === "title" && e.messageId) map.set(e.messageId, [...(map.get(e.messageId) ?? []), e]);
    return map;
  }, [ledger]);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (i) => messages[i].id,
    overscan: 6,
    paddingEnd: BOTTOM_PADDING_PX,
    // Row positions and the list's height are written to the DOM directly: a streamed update that
    // grows the last row costs no re-render of the list (only a change of the rows shown does).
    directDomUpdates: true,
    // The list re-renders when scrolling starts and stops. Following a streamed answer scrolls on
    // every update, a few times a second: with the default 150 ms, "stopped" came between two
    // updates and each pair cost two renders of the list. Nothing here shows whether it scrolls.
    isScrollingResetDelay: 500,
  });

  const scrollToEnd = () => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  };

  useLayoutEffect(() => {
    stick.current = true;
    setSearchTarget(null);
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: "end" });
    // Only when another conversation is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  useEffect(scrollToEnd, [messages.length, ledger.length]);

  // A search result chosen: bring its message into view (after the scroll to the end above, which
  // runs when another conversation opens) and mark it: it flashes for a moment, and keeps a
  // data attribute until another conversation opens.
  const jump = useSearch((s) => (s.jump?.convId === id ? s.jump : null));
  const [flashing, setFlashing] = useState(false);
  useEffect(() => {
    if (!flashing) return;
    const timer = setTimeout(() => setFlashing(false), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashing, searchTarget]);
  useLayoutEffect(() => {
    if (!jump) return;
    // Taken once: opening this conversation again later does not scroll back to it.
    useSearch.setState({ jump: null });
    const index = messages.findIndex((m) => m.id === jump.messageId);
    if (index < 0) return;
    stick.current = false;
    virtualizer.scrollToIndex(index, { align: "center" });
    setSearchTarget(jump.messageId);
    setFlashing(true);
    // Only when a result is chosen, not when the thread changes after.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump?.seq]);

  const last = messages[messages.length - 1];
  const rows = virtualizer.getVirtualItems();
  // While the user is at the bottom, stay there as the rows grow (an answer streaming in). A
  // ResizeObserver runs once layout is done, so reading scrollHeight there costs nothing; read in
  // a frame callback on every streamed update, it forced a layout of its own each time.
  const observer = useRef<ResizeObserver | null>(null);
  const followContent = useCallback((content: HTMLDivElement | null) => {
    virtualizer.containerRef(content);
    observer.current?.disconnect();
    observer.current = null;
    if (!content) return;
    observer.current = new ResizeObserver(() => {
      const el = scroller.current;
      if (el && stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.current.observe(content);
    // The virtualizer is the same object for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div
      ref={scroller}
      data-testid="message-list"
      // A streaming answer sizes the room below it by this height (components/chat/use-stream-reserve.ts).
      data-message-scroller=""
      className="flex-1 overflow-y-auto [overflow-anchor:none]"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.length === 0 ? (
        <EmptyChat conversation={conversation} />
      ) : (
        <div ref={followContent} className="relative w-full">
          {rows.map((row) => {
            const m = messages[row.index];
            return (
              <div
                key={row.key}
                data-index={row.index}
                data-search-target={m.id === searchTarget ? "true" : undefined}
                ref={virtualizer.measureElement}
                className={`absolute left-0 top-0 w-full ${flashing && m.id === searchTarget ? "search-target" : ""}`}
              >
                <MessageItem convId={id} message={m} busy={busy} canRegenerate={m === last && m.role === "assistant"} titleCalls={titleCalls.get(m.id) ?? EMPTY} branch={branchPosition(conversation.messages, m.id)} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
