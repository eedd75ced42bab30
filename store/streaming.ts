/**
 * Text of the answers being streamed right now, kept apart from the conversations store so that
 * a token re-renders only the message being written, not the list or the sidebar.
 */
import { create } from "zustand";

export interface LiveText {
  convId: string;
  content: string;
  reasoning: string;
  reasoningMs?: number;
}

interface StreamingState {
  live: Record<string, LiveText>;
  set: (messageId: string, text: LiveText) => void;
  clear: (messageId: string) => void;
}

export const useStreaming = create<StreamingState>((set) => ({
  live: {},
  set: (messageId, text) => set((s) => ({ live: { ...s.live, [messageId]: text } })),
  clear: (messageId) =>
    set((s) => {
      if (!(messageId in s.live)) return {};
      const live = { ...s.live };
      delete live[messageId];
      return { live };
    }),
}));
