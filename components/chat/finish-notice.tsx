"use client";
import type { ChatMessage } from "@/lib/types";
import { finishNotice } from "@/lib/chat/answer-info";
import { continueAnswer } from "@/store/chat-actions";
import { useT } from "@/store/language";

/** Why a finished answer ended, when it was not a plain stop; `length` offers Continue. */
export function FinishNotice({ convId, message, canContinue, busy }: { convId: string; message: ChatMessage; canContinue: boolean; busy: boolean }) {
  const t = useT();
  const notice = finishNotice(message);
  if (!notice) return null;
  const reason = notice.raw ?? "";
  const text = {
    length: t("message.lengthCut"),
    content_filter: t("finish.contentFilter"),
    tool_calls: t("finish.toolCalls", { reason: `finish_reason: ${reason}` }),
    empty: t("finish.empty"),
    other: t("finish.other", { reason }),
  }[notice.reason];
  return (
    <p data-testid="finish-notice" data-reason={notice.reason} data-finish-reason={reason} className="mt-2 flex flex-wrap items-center gap-2 text-xs text-amber-700 dark:text-amber-400">
      {text}
      {notice.reason === "length" && canContinue && (
        <button type="button" data-testid="continue-button" disabled={busy} className="rounded border border-current px-2 py-0.5" onClick={() => void continueAnswer(convId, message.id)}>
          {t("message.continue")}
        </button>
      )}
    </p>
  );
}
