"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { sendMessage } from "@/store/chat-actions";
import { stopConversation } from "@/store/run-completion";
import { useT } from "@/store/language";
import { useComposerFocus } from "@/store/composer-focus";
import { SendIcon, StopIcon } from "@/components/ui/icons";
import type { Conversation } from "@/lib/types";
import { SendPreviewBar } from "./send-preview";

/**
 * Enter sends, Shift+Enter breaks the line, and Enter while an IME is composing (Chinese pinyin,
 * Japanese kana) only confirms the composition: it must never send half-typed text.
 */
export function Composer({ conversation, busy }: { conversation: Conversation | undefined; busy: boolean }) {
  const convId = conversation?.id ?? null;
  const t = useT();
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  const focusRequests = useComposerFocus((s) => s.requests);
  useEffect(() => {
    if (focusRequests === 0) return;
    // After the frame: a dialog that just closed hands the focus back to its opener first.
    const frame = requestAnimationFrame(() => area.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusRequests]);

  const send = () => {
    if (busy || !text.trim()) return;
    const value = text;
    setText("");
    void sendMessage(value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== "Enter" || e.shiftKey) return;
    // keyCode 229 is what Safari and older Chrome report for keys that belong to an IME composition.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  };

  return (
    <div className="border-t border-zinc-200 bg-white px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <textarea
          ref={area}
          id="composer-input"
          aria-label={t("composer.placeholder")}
          data-testid="composer-input"
          className="max-h-60 min-h-[2.75rem] flex-1 resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2.5 outline-none focus:border-emerald-500 dark:border-zinc-700 dark:bg-zinc-900"
          rows={Math.min(8, Math.max(1, text.split("\n").length))}
          placeholder={t("composer.placeholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
        />
        {busy ? (
          <button type="button" data-testid="stop-button" onClick={() => convId && stopConversation(convId)} className="inline-flex h-11 items-center gap-1 rounded-xl bg-zinc-800 px-4 text-white dark:bg-zinc-200 dark:text-zinc-900">
            <StopIcon /> {t("composer.stop")}
          </button>
        ) : (
          <button type="button" data-testid="send-button" onClick={send} disabled={!text.trim()} className="inline-flex h-11 items-center gap-1 rounded-xl bg-emerald-700 px-4 text-white disabled:opacity-40">
            <SendIcon /> {t("composer.send")}
          </button>
        )}
      </div>
      <SendPreviewBar conversation={conversation} text={text} />
    </div>
  );
}
