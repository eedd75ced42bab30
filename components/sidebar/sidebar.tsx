"use client";
import { useShallow } from "zustand/react/shallow";
import { useConversations } from "@/store/conversations";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { BookIcon, PlusIcon, SearchIcon, XIcon } from "@/components/ui/icons";
import { openSearch } from "@/store/search";
import { searchShortcutLabel } from "@/components/search/use-search-shortcut";
import { shownCount } from "@/lib/chat/thread";
import { ConversationItem } from "./conversation-item";

/** The list of conversations. On a phone it slides over the chat and closes after a pick. */
export function Sidebar({ open, onClose, onOpenPrompts }: { open: boolean; onClose: () => void; onOpenPrompts: () => void }) {
  const t = useT();
  // Only what the list shows: a streamed token in a message does not re-render the sidebar. The
  // count is of the branch shown (threadOf is cached per messages array, so this stays cheap).
  const items = useConversations(
    useShallow((s) =>
      s.order.map((id) => {
        const c = s.conversations[id];
        return `${id}\u0000${c?.title ?? ""}\u0000${c ? shownCount(c) : 0}`;
      }),
    ),
  );
  const currentId = useConversations((s) => s.currentId);
  // The shell shows while storage still loads: what would change stored state waits for it.
  const started = useAccess((s) => s.started);
  return (
    <>
      {open && <div className="fixed inset-0 z-20 bg-black/30 md:hidden" onClick={onClose} />}
      {/* Closed on a phone, the drawer is hidden, not only moved off screen: Tab and screen readers
          skip it (visibility turns hidden after the slide, and visible as it starts). */}
      <aside className={`fixed inset-y-0 left-0 z-30 flex w-72 flex-col border-r border-zinc-200 bg-zinc-50 transition-[transform,visibility] dark:border-zinc-800 dark:bg-zinc-950 md:visible md:static md:translate-x-0 ${open ? "visible translate-x-0" : "invisible -translate-x-full"}`}>
        <div className="flex items-center gap-2 p-3">
          <button
            type="button"
            data-testid="new-chat-button"
            disabled={!started}
            className="flex flex-1 items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
            onClick={() => {
              useConversations.getState().create();
              onClose();
            }}
          >
            <PlusIcon /> {t("sidebar.newChat")}
          </button>
          <button
            type="button"
            data-testid="search-button"
            disabled={!started}
            aria-label={t("search.button")}
            // The key depends on the platform, which the server-rendered first screen cannot know.
            title={started ? `${t("search.button")} (${searchShortcutLabel()})` : undefined}
            className="rounded-lg border border-zinc-300 p-2.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
            onClick={() => {
              // On a phone the drawer closes: the search covers the screen, and a result opens the chat.
              onClose();
              openSearch();
            }}
          >
            <SearchIcon />
          </button>
          <button
            type="button"
            data-testid="prompt-library-button"
            disabled={!started}
            aria-label={t("prompts.open")}
            title={t("prompts.open")}
            className="rounded-lg border border-zinc-300 p-2.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
            onClick={() => {
              onOpenPrompts();
              onClose();
            }}
          >
            <BookIcon />
          </button>
          <button type="button" className="rounded p-2 md:hidden" aria-label={t("sidebar.close")} onClick={onClose}>
            <XIcon />
          </button>
        </div>
        <nav className="flex-1 space-y-0.5 overflow-y-auto px-2 pb-3">
          {/* Only once storage is read: a returning user's list is not "empty" while it loads. */}
          {items.length === 0 && started && <p className="px-2 py-4 text-sm text-zinc-500">{t("sidebar.empty")}</p>}
          {items.map((key) => {
            const [id, title, count] = key.split("\u0000");
            return <ConversationItem key={id} id={id} title={title} count={Number(count)} active={id === currentId} onPicked={onClose} />;
          })}
        </nav>
      </aside>
    </>
  );
}
