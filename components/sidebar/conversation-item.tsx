"use client";
import { memo, useState } from "react";
import { useConversations } from "@/store/conversations";
import { stopConversation } from "@/store/run-control";
import { useT } from "@/store/language";
import { useNotices } from "@/store/notices";
import { EditIcon, TrashIcon } from "@/components/ui/icons";

export const ConversationItem = memo(function ConversationItem({ id, title, count, active, onPicked }: { id: string; title: string; count: number; active: boolean; onPicked: () => void }) {
  const t = useT();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(title);
  const shown = title || t("sidebar.untitled");
  const store = useConversations.getState;

  if (renaming) {
    const commit = () => {
      setRenaming(false);
      if (draft.trim()) store().rename(id, draft);
    };
    return (
      <input
        data-testid="conversation-rename-input"
        className="w-full rounded-md border border-emerald-500 bg-white px-2 py-1.5 text-sm dark:bg-zinc-900"
        value={draft}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.nativeEvent.isComposing) commit();
          if (e.key === "Escape") setRenaming(false);
        }}
      />
    );
  }
  // Rename and Delete show on hover with a mouse, and whenever focus is in the row (keyboard).
  const rowAction = "rounded p-1 opacity-60 hover:opacity-100 focus-visible:opacity-100 sm:opacity-0 sm:group-hover:opacity-100 sm:group-focus-within:opacity-100";
  return (
    <div
      data-testid="conversation-item"
      data-active={active ? "true" : "false"}
      className={`group flex items-center gap-1 rounded-md pr-2 text-sm ${active ? "bg-zinc-200 dark:bg-zinc-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-900"}`}
    >
      {/* A button, so Tab reaches each conversation and Enter or Space opens it. */}
      <button
        type="button"
        data-testid="conversation-open"
        aria-current={active ? "page" : undefined}
        className="min-w-0 flex-1 rounded-md px-2 py-2 text-left"
        onClick={() => {
          store().select(id);
          onPicked();
        }}
      >
        <span className="block truncate">{shown}</span>
        <span className="block text-xs text-zinc-500">{t("sidebar.messages", { count })}</span>
      </button>
      <button type="button" data-testid="conversation-rename" title={t("sidebar.rename")} aria-label={`${t("sidebar.rename")}: ${shown}`} className={rowAction} onClick={() => { setDraft(title); setRenaming(true); }}>
        <EditIcon />
      </button>
      <button type="button" data-testid="conversation-delete" title={t("sidebar.delete")} aria-label={`${t("sidebar.delete")}: ${shown}`} className={rowAction} onClick={() => {
        // No confirmation: the conversation goes to the trash, and the notice offers Undo.
        stopConversation(id);
        store().remove(id);
        useNotices.getState().push({ kind: "info", key: "notice.movedToTrash", values: { title: shown }, action: { key: "notice.undo", testId: "undo-delete", run: () => store().restore(id) } });
      }}>
        <TrashIcon />
      </button>
    </div>
  );
});
