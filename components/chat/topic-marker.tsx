"use client";
import { useConversations } from "@/store/conversations";
import { useT } from "@/store/language";

/** The line under a message that ends a topic, with a way to take the mark away. */
export function TopicMarker({ convId, messageId }: { convId: string; messageId: string }) {
  const t = useT();
  return (
    <div data-testid="context-marker" role="separator" aria-label={t("topic.marker")} className="mx-auto flex w-full max-w-3xl items-center gap-3 px-4 py-2 text-xs text-sky-700 dark:text-sky-300">
      <span className="h-px flex-1 bg-sky-300 dark:bg-sky-800" />
      <span>{t("topic.marker")}</span>
      <button
        type="button"
        data-testid="context-marker-remove"
        title={t("topic.removeHint")}
        className="rounded px-1.5 py-0.5 underline decoration-dotted underline-offset-2 hover:bg-sky-100 dark:hover:bg-sky-950"
        onClick={() => useConversations.getState().patchMessage(convId, messageId, { topicBreak: undefined })}
      >
        {t("topic.remove")}
      </button>
      <span className="h-px flex-1 bg-sky-300 dark:bg-sky-800" />
    </div>
  );
}
