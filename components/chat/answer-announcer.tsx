"use client";
import { useEffect, useRef, useState } from "react";
import { threadOf } from "@/lib/chat/thread";
import type { Conversation } from "@/lib/types";
import { useLang, useT } from "@/store/language";
import { loadErrorHints } from "./lazy-error-card";

const SPOKEN_CHARS = 600;

/** Markdown marks read aloud are noise: keep the words. */
function spoken(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, " ").replace(/[#*_`>|~]+/g, " ").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ").trim().slice(0, SPOKEN_CHARS);
}

/**
 * Tells screen readers, politely and once, that an answer has finished (or failed): a live region
 * that changes only when the last message goes from streaming to done, never per streamed update.
 */
export function AnswerAnnouncer({ conversation }: { conversation: Conversation | undefined }) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState("");
  const thread = conversation ? threadOf(conversation) : [];
  const last = thread[thread.length - 1];
  const seen = useRef<{ id: string; status: string } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = last ? { id: last.id, status: last.status } : null;
    if (!last || last.role !== "assistant" || before?.id !== last.id || before.status !== "streaming") return;
    if (last.status === "done") setText(t("a11y.answerDone", { text: spoken(last.content) }));
    else if (last.status === "error" && last.error) {
      // What the error card says, in the page's language (the error's own message is English). The
      // hints of every code are not part of the first page load (see loadErrorHints).
      const error = last.error;
      void loadErrorHints().then(({ errorSentences, fixedByReconnecting }) => {
        const kept = fixedByReconnecting(error.code) ? [t("error.keptResend")] : [];
        setText(t("a11y.answerFailed", { text: errorSentences(error, lang, kept) }));
      }, () => setText(t("a11y.answerFailed", { text: "" })));
    }
    // Only the last message's identity and status matter; its text is read when it is done.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [last?.id, last?.status]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-testid="answer-announcer" className="sr-only">
      {text}
    </div>
  );
}
