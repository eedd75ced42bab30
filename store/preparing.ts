/**
 * Conversations whose next request is being prepared (the tokenizer counting the context, images
 * being stored) before any message in them is marked streaming. A second send, regenerate or
 * Continue in that wait would start a second request for the same turn, so each action claims the
 * conversation first. Held in memory only: a reload clears it, so it can never strand a message.
 */
import { create } from "zustand";
import type { Conversation } from "@/lib/types";

interface PreparingState {
  convs: Readonly<Record<string, true>>;
}

export const usePreparing = create<PreparingState>(() => ({ convs: {} }));

export function isPreparing(convId: string): boolean {
  return usePreparing.getState().convs[convId] === true;
}

/**
 * Claims the conversation for one action; returns its release, or null when another action holds
 * it (the caller then does nothing). Releasing twice is harmless.
 */
export function claimConversation(convId: string): (() => void) | null {
  if (isPreparing(convId)) return null;
  usePreparing.setState((s) => ({ convs: { ...s.convs, [convId]: true } }));
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    usePreparing.setState((s) => {
      const convs = { ...s.convs };
      delete convs[convId];
      return { convs };
    });
  };
}

/** Whether a request is being prepared in the conversation, as a hook: its buttons turn disabled at once. */
export function useConversationPreparing(conv: Conversation | undefined): boolean {
  return usePreparing((s) => (conv ? s.convs[conv.id] === true : false));
}
