"use client";
import { memo, useState } from "react";
import type { ChatMessage, LedgerEntry } from "@/lib/types";
import { useT } from "@/store/language";
import { editAndResend, editAnswer } from "@/store/chat-actions";
import type { BranchPosition } from "@/lib/chat/branches";
import { BranchSwitcher } from "./branch-switcher";
import { MessageActions, messageActionClass as action } from "./message-actions";
import { MessageBody } from "./message-body";
import { ErrorCard } from "./error-card";
import { UsageLine } from "./usage-line";
import { TitleCallLine } from "./title-call-line";
import { FinishNotice } from "./finish-notice";
import { TopicMarker } from "./topic-marker";
import { MessageImages } from "./message-images";

interface Props {
  convId: string;
  message: ChatMessage;
  canRegenerate: boolean;
  busy: boolean;
  titleCalls?: LedgerEntry[];
  /** Where the message stands among its versions; null when it has none. */
  branch: BranchPosition | null;
}

function EditBox({ initial, saveLabel, allowEmpty, onSave, onCancel }: { initial: string; saveLabel: string; allowEmpty: boolean; onSave: (text: string) => void; onCancel: () => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  return (
    <div className="w-full">
      <textarea data-testid="edit-message-input" className="w-full rounded-md border border-zinc-300 bg-white p-2 dark:border-zinc-600 dark:bg-zinc-900" rows={Math.min(12, text.split("\n").length + 1)} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="mt-1 flex justify-end gap-2">
        <button type="button" className={action} onClick={onCancel}>{t("message.cancel")}</button>
        <button type="button" data-testid="edit-message-save" className="rounded bg-emerald-700 px-2 py-1 text-xs text-white" onClick={() => onSave(text)} disabled={!text.trim() && !allowEmpty}>
          {saveLabel}
        </button>
      </div>
    </div>
  );
}

/** One message with its actions. Memoised: a finished message does not re-render while another streams. */
export const MessageItem = memo(function MessageItem({ convId, message, canRegenerate, busy, titleCalls, branch }: Props) {
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
              // A question is sent again as a new version; an answer is corrected in place.
              saveLabel={isUser ? t("message.saveResend") : t("message.save")}
              allowEmpty={isUser && Boolean(message.images?.length)}
              onCancel={() => setEditing(false)}
              onSave={(text) => {
                setEditing(false);
                if (isUser) void editAndResend(convId, message.id, text);
                else editAnswer(convId, message.id, text);
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
          {message.status === "interrupted" && <p className="mt-2 text-xs text-amber-700 dark:text-amber-400">{t("message.interrupted")}</p>}
          {message.error && <ErrorCard error={message.error} resend={canRegenerate} />}
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
        {(branch || (message.status !== "streaming" && !editing)) && (
          <div className="mt-1 flex flex-wrap items-center gap-1">
            {branch && <BranchSwitcher convId={convId} position={branch} disabled={busy} />}
            {message.status !== "streaming" && !editing && (
              <MessageActions convId={convId} message={message} canRegenerate={canRegenerate} busy={busy} onEdit={() => setEditing(true)} />
            )}
          </div>
        )}
      </div>
      {titleCalls?.map((entry) => <TitleCallLine key={entry.id} entry={entry} />)}
      {message.topicBreak && <TopicMarker convId={convId} messageId={message.id} />}
    </>
  );
});
