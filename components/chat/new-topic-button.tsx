"use client";
import { threadOf } from "@/lib/chat/thread";
import { canStartTopic } from "@/lib/chat/topic";
import type { Conversation } from "@/lib/types";
import { useConversations } from "@/store/conversations";
import { useT } from "@/store/language";

/** Marks the thread's last message as the end of a topic: nothing up to it is sent any more. */
export function NewTopicButton({ conversation }: { conversation: Conversation | undefined }) {
  const t = useT();
  const thread = conversation ? threadOf(conversation) : [];
  const last = thread[thread.length - 1];
  return (
    <button
      type="button"
      data-testid="clear-context-button"
      title={t("topic.newHint")}
      disabled={!canStartTopic(thread)}
      className="underline decoration-dotted underline-offset-2 hover:text-zinc-800 disabled:no-underline disabled:opacity-40 dark:hover:text-zinc-200"
      onClick={() => conversation && last && useConversations.getState().patchMessage(conversation.id, last.id, { topicBreak: true })}
    >
      {t("topic.new")}
    </button>
  );
}
