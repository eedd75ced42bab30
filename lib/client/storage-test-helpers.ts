/** Builders shared by the storage tests (not used by the app). */
import type { ChatMessage, Conversation } from "@/lib/types";
import { leafIdOf, linkChain } from "@/lib/chat/thread";

export const msg = (id: string, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  role: "user",
  content: `text of ${id}`,
  status: "done",
  createdAt: 1,
  ...patch,
});

/** A conversation as the app holds it: messages linked into a chain, the last one shown. */
export const conv = (id: string, messages: ChatMessage[], patch: Partial<Conversation> = {}): Conversation => {
  const linked = linkChain(messages);
  return {
    id,
    title: `title ${id}`,
    titleSettled: true,
    createdAt: 1,
    updatedAt: 1,
    overrides: {},
    ledger: [],
    messages: linked,
    leafId: leafIdOf({ messages: linked }),
    ...patch,
  };
};

/** A conversation of `n` alternating user/assistant messages with ids `${id}-0`, `${id}-1`, ... */
export const longConv = (id: string, n: number): Conversation =>
  conv(
    id,
    Array.from({ length: n }, (_, i) => msg(`${id}-${i}`, { role: i % 2 ? "assistant" : "user", createdAt: i })),
  );
