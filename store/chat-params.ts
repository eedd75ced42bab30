/**
 * The parameters a conversation's next call uses, and whether it is busy: read by the chat shell on
 * every render, so kept apart from the send path (store/chat-actions.ts, loaded lazily).
 */
import type { ChatParams, Conversation } from "@/lib/types";
import { useSettings } from "./settings";
import { isPreparing } from "./preparing";

export function effectiveParams(conv: Conversation | undefined): ChatParams {
  const defaults = useSettings.getState().defaults;
  return conv ? { ...defaults, ...conv.overrides } : defaults;
}

export function conversationBusy(conv: Conversation | undefined): boolean {
  return Boolean(conv && (isPreparing(conv.id) || conv.messages.some((m) => m.status === "streaming")));
}
