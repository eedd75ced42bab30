"use client";
import type { ChatMessage } from "@/lib/types";
import { useT } from "@/store/language";
import { useConversations } from "@/store/conversations";
import { useNotices } from "@/store/notices";
import { regenerate } from "@/store/chat-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { EditIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";

export const messageActionClass = "inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs hover:bg-zinc-200/70 dark:hover:bg-zinc-700/70 disabled:opacity-40";

/** Deletes the message and what follows it on its branch, with Undo. */
function deleteWithUndo(convId: string, messageId: string) {
  const removed = useConversations.getState().removeBranch(convId, messageId);
  if (!removed) return;
  useNotices.getState().push({ kind: "info", key: "message.deleted", action: { key: "notice.undo", testId: "undo-delete-message", run: () => useConversations.getState().restoreBranch(convId, removed) } });
}

interface Props {
  convId: string;
  message: ChatMessage;
  canRegenerate: boolean;
  busy: boolean;
  onEdit: () => void;
}

/** Copy, edit, regenerate and delete under a finished message (shown on hover on wide screens). */
export function MessageActions({ convId, message, canRegenerate, busy, onEdit }: Props) {
  const t = useT();
  const isUser = message.role === "user";
  return (
    <div className="flex flex-wrap gap-1 text-zinc-500 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:focus-within:opacity-100">
      {message.content && <CopyButton text={message.content} testId="copy-message-button" />}
      {(isUser || message.status !== "error") && (
        <button type="button" data-testid={isUser ? "edit-message-button" : "edit-answer-button"} className={messageActionClass} disabled={busy} onClick={onEdit}>
          <EditIcon /> {t("message.edit")}
        </button>
      )}
      {canRegenerate && (
        <button type="button" data-testid="regenerate-button" className={messageActionClass} disabled={busy} onClick={() => void regenerate(convId)}>
          <RefreshIcon /> {t("message.regenerate")}
        </button>
      )}
      <button type="button" data-testid="delete-message-button" className={messageActionClass} disabled={busy} onClick={() => deleteWithUndo(convId, message.id)}>
        <TrashIcon /> {t("message.delete")}
      </button>
    </div>
  );
}
