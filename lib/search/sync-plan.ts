/**
 * What the page sends the search index as conversations change. Store updates are immutable, so
 * a conversation that is the same object as last time is skipped without a look inside, and in one
 * that changed only messages whose text changed are sent (a status or a token count changing sends
 * nothing). Only `content` is searched: reasoning is the model's scratch work, long and rarely what
 * a user looks for. Big sends are cut into batches, so no single postMessage copies megabytes at once.
 */
import type { ChatMessage, Conversation } from "@/lib/types";
import type { IndexUpdate } from "./search-index";

interface Sent {
  conv: Conversation;
  messages: ChatMessage[];
  title: string;
  updatedAt: number;
  /** Message id → the text sent. */
  texts: Map<string, string>;
}

export interface SyncPlan {
  updates: IndexUpdate[];
  dropped: string[];
}

export function createSyncPlanner() {
  const sent = new Map<string, Sent>();

  function planOne(c: Conversation, before: Sent | undefined): IndexUpdate | null {
    const conv = { id: c.id, title: c.title, updatedAt: c.updatedAt };
    const metaChanged = !before || before.title !== c.title || before.updatedAt !== c.updatedAt;
    if (before && before.messages === c.messages) {
      sent.set(c.id, { ...before, conv: c, title: c.title, updatedAt: c.updatedAt });
      return metaChanged ? { conv } : null;
    }
    const texts = new Map<string, string>();
    const set: Array<[string, string]> = [];
    for (const m of c.messages) {
      texts.set(m.id, m.content);
      if (before?.texts.get(m.id) !== m.content) set.push([m.id, m.content]);
    }
    const removed = before ? [...before.texts.keys()].filter((id) => !texts.has(id)) : [];
    sent.set(c.id, { conv: c, messages: c.messages, title: c.title, updatedAt: c.updatedAt, texts });
    if (!metaChanged && set.length === 0 && removed.length === 0) return null;
    return { conv, ...(set.length ? { set } : {}), ...(removed.length ? { removed } : {}) };
  }

  return {
    /** What changed since the last plan; from then on the index is taken to hold `current`. */
    plan(current: Record<string, Conversation>): SyncPlan {
      const updates: IndexUpdate[] = [];
      for (const c of Object.values(current)) {
        const before = sent.get(c.id);
        if (before?.conv === c) continue;
        const update = planOne(c, before);
        if (update) updates.push(update);
      }
      const dropped = [...sent.keys()].filter((id) => !(id in current));
      for (const id of dropped) sent.delete(id);
      return { updates, dropped };
    },
    /** The index was lost (a new worker): the next plan sends everything. */
    reset() {
      sent.clear();
    },
  };
}

/** Text characters an update carries. */
export function updateChars(u: IndexUpdate): number {
  return (u.set ?? []).reduce((n, [, text]) => n + text.length, u.conv.title.length);
}

/**
 * Cuts updates into batches of about `maxChars` characters of text each, splitting one
 * conversation's messages over several batches when it is bigger (a message bigger than that
 * travels alone). Order is kept: a conversation's removals go with its first part.
 */
export function batchUpdates(updates: readonly IndexUpdate[], maxChars: number): IndexUpdate[][] {
  const batches: IndexUpdate[][] = [];
  let batch: IndexUpdate[] = [];
  let size = 0;
  const close = () => {
    if (batch.length) batches.push(batch);
    batch = [];
    size = 0;
  };
  for (const u of updates) {
    if (size + updateChars(u) <= maxChars) {
      batch.push(u);
      size += updateChars(u);
      continue;
    }
    let part: IndexUpdate = { conv: u.conv, ...(u.removed ? { removed: u.removed } : {}), set: [] };
    for (const entry of u.set ?? []) {
      if (size + entry[1].length > maxChars && (batch.length || part.set!.length)) {
        if (part.set!.length) {
          batch.push(part);
          part = { conv: u.conv, set: [] };
        }
        close();
      }
      part.set!.push(entry);
      size += entry[1].length;
    }
    batch.push(part);
    if (size >= maxChars) close();
  }
  close();
  return batches;
}
