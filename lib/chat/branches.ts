/**
 * Versions of a message: a regenerated answer is a sibling of the earlier one (same parent), an
 * edited question a sibling of the original. The message shows `‹ 2/3 ›`; switching shows the
 * latest continuation under the chosen version (lib/chat/thread.ts walks up from that leaf).
 */
import type { ChatMessage, Conversation } from "@/lib/types";

export interface BranchPosition {
  /** 1-based position among its siblings, oldest first. */
  index: number;
  count: number;
  prevId: string | null;
  nextId: string | null;
}

interface Tree {
  children: Map<string | null, ChatMessage[]>;
  /** Only messages that have siblings; the same object on every call, so memoised rows stay put. */
  positions: Map<string, BranchPosition>;
  /** Index of each message in the array. */
  order: Map<string, number>;
}

const trees = new WeakMap<ChatMessage[], Tree>();

/** Children per parent, in the order they were added; cached per messages array. */
function treeOf(messages: ChatMessage[]): Tree {
  const cached = trees.get(messages);
  if (cached) return cached;
  const children = new Map<string | null, ChatMessage[]>();
  const order = new Map<string, number>();
  for (const m of messages) {
    order.set(m.id, order.size);
    const parent = m.parentId ?? null;
    const list = children.get(parent);
    if (list) list.push(m);
    else children.set(parent, [m]);
  }
  const positions = new Map<string, BranchPosition>();
  for (const siblings of children.values()) {
    if (siblings.length < 2) continue;
    siblings.forEach((m, i) => {
      positions.set(m.id, { index: i + 1, count: siblings.length, prevId: i > 0 ? siblings[i - 1].id : null, nextId: i < siblings.length - 1 ? siblings[i + 1].id : null });
    });
  }
  const tree = { children, positions, order };
  trees.set(messages, tree);
  return tree;
}

/** Where `id` stands among its siblings; null when it has none (the common case). */
export function branchPosition(messages: ChatMessage[], id: string): BranchPosition | null {
  return treeOf(messages).positions.get(id) ?? null;
}

/**
 * The leaf to show for a version: the newest message below it (children are always newer than
 * their parent, so that is a leaf). Returning to a version thus shows where the user last went
 * on from it, not only its newest direct child.
 */
export function newestLeafUnder(messages: ChatMessage[], id: string): string {
  const { children, order } = treeOf(messages);
  let best = id;
  const newer = (a: string, b: string) => {
    const ma = messages[order.get(a)!];
    const mb = messages[order.get(b)!];
    return ma.createdAt !== mb.createdAt ? ma.createdAt > mb.createdAt : order.get(a)! > order.get(b)!;
  };
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length) {
    const at = stack.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    if (at !== id && order.has(at) && newer(at, best)) best = at;
    for (const child of children.get(at) ?? []) stack.push(child.id);
  }
  return best;
}

/**
 * After removing a message (and what follows it), the leaf to show: the newest remaining version
 * beside it when there is one, else its parent.
 */
export function leafAfterRemoval(before: Pick<Conversation, "messages">, removedId: string, remaining: ChatMessage[]): string | null {
  const removed = before.messages.find((m) => m.id === removedId);
  if (!removed) return null;
  const parent = removed.parentId ?? null;
  const siblings = remaining.filter((m) => (m.parentId ?? null) === parent);
  const sibling = siblings[siblings.length - 1];
  return sibling ? newestLeafUnder(remaining, sibling.id) : parent;
}
