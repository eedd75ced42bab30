"use client";
import { memo, useState } from "react";
import type { ChatMessage, LedgerEntry } from "@/lib/types";
import { useT } from "@/store/language";
import { useConversations } from "@/store/conversations";
import { editAndResend, regenerate } from "@/store/chat-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { EditIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import { MessageBody } from "./message-body";
import { ErrorCard } from "./error-card";
import { UsageLine } from "./usage-line";
import { TitleCallLine } from "./title-call-line";
import { FinishNotice } from "./finish-notice";
import { MessageImages } from "./message-images";

const action = "inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs hover:bg-zinc-200/70 dark:hover:bg-zinc-700/70 disabled:opacity-40";

interface Props {
  convId: string;
  message: ChatMessage;
  canRegenerate: boolean;
  busy: boolean;
  titleCalls?: LedgerEntry[];
}

function EditBox({ initial, allowEmpty, onSave, onCancel }: { initial: string; allowEmpty: boolean; onSave: (text: string) => void; onCancel: () => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  return (
    <div className="w-full">
      <textarea data-testid="edit-message-input" className="w-full rounded-md border border-zinc-300 bg-white p-2 dark:border-zinc-600 dark:bg-zinc-900" rows={Math.min(12, text.split("\n").length + 1)} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="mt-1 flex justify-end gap-2">
        <button type="button" className={action} onClick={onCancel}>{t("message.cancel")}</button>
        <button type="button" data-testid="edit-message-save" className="rounded bg-emerald-600 px-2 py-1 text-xs text-white" onClick={() => onSave(text)} disabled={!text.trim() && !allowEmpty}>
          {t("message.saveResend")}
        </button>
      </div>
    </div>
  );
}

/** One message with its actions. Memoised: a finished message does not re-render while another streams. */
export const MessageItem = memo(function MessageItem({ convId, message, canRegenerate, busy, titleCalls }: Props) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const isUser = message.role === "user";
  return (
    <>
      <div
        data-testid="message"
        data-role={message.role}
        data-status={message.status}
        data-message-id={message.id}
        className={`group mx-auto flex w-full max-w-3xl flex-col px-4 py-2 ${isUser ? "items-end" : "items-start"}`}
      >
        <div className={isUser ? "max-w-[85%] rounded-2xl bg-zinc-100 px-4 py-2 dark:bg-zinc-800" : "w-full"}>
          {editing ? (
            <EditBox
              initial={message.content}
              allowEmpty={Boolean(message.images?.length)}
              onCancel={() => setEditing(false)}
              onSave={(text) => {
                setEditing(false);
                void editAndResend(convId, message.id, text);
              }}
            />
          ) : isUser ? (
            <>
              {message.images?.length ? <MessageImages images={message.images} /> : null}
              {(message.content || !message.images?.length) && <div data-testid="message-content" className="whitespace-pre-wrap break-words">{message.content}</div>}
            </>
          ) : (
            <MessageBody message={message} />
          )}
          <FinishNotice convId={convId} message={message} canContinue={canRegenerate} busy={busy} />
          {message.status === "interrupted" && <p className="mt-2 text-xs text-amber-600 dark:text-amber-400">{t("message.interrupted")}</p>}
          {message.error && <ErrorCard error={message.error} />}
          {message.usage && (
            <UsageLine
              usage={message.usage}
              model={message.model ?? ""}
              answeredBy={message.answeredBy}
              systemFingerprint={message.systemFingerprint}
              ttftMs={message.ttftMs}
              durationMs={message.durationMs}
            />
          )}
        </div>
        {message.status !== "streaming" && !editing && (
          <div className="mt-1 flex gap-1 text-zinc-500 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:focus-within:opacity-100">
            {message.content && <CopyButton text={message.content} testId="copy-message-button" />}
            {isUser && (
              <button type="button" data-testid="edit-message-button" className={action} disabled={busy} onClick={() => setEditing(true)}>
                <EditIcon /> {t("message.edit")}
              </button>
            )}
            {canRegenerate && (
              <button type="button" data-testid="regenerate-button" className={action} disabled={busy} onClick={() => void regenerate(convId)}>
                <RefreshIcon /> {t("message.regenerate")}
              </button>
            )}
            <button type="button" data-testid="delete-message-button" className={action} disabled={busy} onClick={() => useConversations.getState().removeMessage(convId, message.id)}>
              <TrashIcon /> {t("message.delete")}
            </button>
          </div>
        )}
      </div>
      {titleCalls?.map((entry) => <TitleCallLine key={entry.id} entry={entry} />)}
    </>
  );
});
