/**
 * "New topic from here": a message marked `topicBreak` closes what came before it. Nothing up to
 * and including it is sent any more; the history count starts counting after it, and the system
 * prompt still goes. The mark lives on the message, so it follows its branch and can be removed.
 */
import type { ChatMessage } from "@/lib/types";

export interface TopicSplit<M> {
  /** The messages after the last marked one (all of them when none is marked). */
  current: M[];
  /** The marked message the current topic starts after, or null. */
  breakId: string | null;
  /** How many messages the mark keeps out (the marked one included). */
  hidden: number;
}

/** Splits a thread (oldest first) at its last topic mark. */
export function splitAtTopic<M extends Pick<ChatMessage, "id" | "topicBreak">>(thread: M[]): TopicSplit<M> {
  for (let i = thread.length - 1; i >= 0; i--) {
    if (thread[i].topicBreak) return { current: thread.slice(i + 1), breakId: thread[i].id, hidden: i + 1 };
  }
  return { current: thread, breakId: null, hidden: 0 };
}

/** Whether a new mark can go on the thread's last message: there is one, and it is not marked yet. */
export function canStartTopic(thread: Array<Pick<ChatMessage, "topicBreak" | "status">>): boolean {
  const last = thread[thread.length - 1];
  return Boolean(last) && !last.topicBreak && last.status !== "streaming";
}
