"use client";
import type { Conversation } from "@/lib/types";
import { useT } from "@/store/language";

/**
 * What an empty conversation shows: an invitation to ask, and, when the chat has its own system
 * prompt (started from the prompt library, or set for this chat in Settings), that prompt, so it
 * is plain that the next question goes with it.
 */
export function EmptyChat({ conversation }: { conversation: Conversation }) {
  const t = useT();
  const systemPrompt = conversation.overrides.systemPrompt?.trim();
  // The keys only where there is a keyboard: CSS decides, so the server-rendered page hydrates as it is.
  const invitation = (
    <>
      {t("chat.empty")}
      <span data-testid="chat-empty-keys" className="ms-1 hidden desk:inline">
        {t("chat.emptyKeys")}
      </span>
    </>
  );
  if (!systemPrompt) return <p className="mx-auto mt-24 max-w-md px-6 text-center text-zinc-500">{invitation}</p>;
  return (
    <div className="mx-auto mt-16 max-w-md px-6 text-sm" data-testid="chat-system-prompt">
      <p className="font-medium text-zinc-700 dark:text-zinc-300">{t("prompts.chatSystemPrompt")}</p>
      {/* Clamped inside the padding, so no cut line shows below the last one. */}
      <div className="mt-2 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300">
        <p className="line-clamp-6 whitespace-pre-wrap">{systemPrompt}</p>
      </div>
      <p className="mt-2 text-xs text-zinc-500">{t("prompts.chatSystemPromptHint")}</p>
      <p className="mt-6 text-center text-zinc-500">{invitation}</p>
    </div>
  );
}
