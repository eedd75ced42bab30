/**
 * Messages form a tree: each knows its parent, and a conversation keeps the leaf it shows. The
 * visible thread, the context sent, the export and the search all walk from that leaf up. Data from
 * before the tree (format < 3) is a list; `linkChain` turns it into a chain, one child each.
 */
import type { ChatMessage, Conversation } from "@/lib/types";

/**
 * Gives every message without a parent the message before it as parent (the first gets null), so
 * a plain list becomes a chain. Returns the same array when every message already has one.
 * A parent that names no message in the list is treated as missing (a broken file or record).
 */
export function linkChain(messages: ChatMessage[]): ChatMessage[] {
  const ids = new Set(messages.map((m) => m.id));
  let out: ChatMessage[] | null = null;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const known = m.parentId === null || (typeof m.parentId === "string" && ids.has(m.parentId) && m.parentId !== m.id);
    if (known) continue;
    out ??= messages.slice();
    out[i] = { ...m, parentId: i === 0 ? null : messages[i - 1].id };
  }
  return out ?? messages;
}

/** The leaf shown: `leafId` when it names a message, else the last message. */
export function leafIdOf(c: Pick<Conversation, "messages" | "leafId">): string | null {
  if (c.leafId && c.messages.some((m) => m.id === c.leafId)) return c.leafId;
  return c.messages.length ? c.messages[c.messages.length - 1].id : null;
}

const threads = new WeakMap<ChatMessage[], { leaf: string | null; thread: ChatMessage[] }>();

/**
 * The messages of the branch shown, root first. For a conversation without branches this is
 * `messages` itself (same array, so memoised components see no change); cached per messages array.
 */
export function threadOf(c: Pick<Conversation, "messages" | "leafId">): ChatMessage[] {
  const leaf = leafIdOf(c);
  const cached = threads.get(c.messages);
  if (cached && cached.leaf === leaf) return cached.thread;
  const thread = walkUp(c.messages, leaf);
  threads.set(c.messages, { leaf, thread });
  return thread;
}

/**
 * How many messages the conversation shows: the visible branch only. Other versions of an answer
 * (regenerated, or cut off by an edit) stay in `messages` but are not what a list should count.
 */
export function shownCount(c: Pick<Conversation, "messages" | "leafId">): number {
  return threadOf(c).length;
}

function walkUp(messages: ChatMessage[], leaf: string | null): ChatMessage[] {
  if (leaf === null) return messages.length ? [] : messages;
  const byId = new Map(messages.map((m) => [m.id, m]));
  const thread: ChatMessage[] = [];
  const seen = new Set<string>();
  let at = byId.get(leaf);
  // `seen` stops a cycle that a hand-edited file could contain.
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    thread.push(at);
    at = at.parentId ? byId.get(at.parentId) : undefined;
  }
  thread.reverse();
  // A chain that is the whole list keeps the list's identity.
  if (thread.length === messages.length && thread.every((m, i) => m === messages[i])) return messages;
  return thread;
}

/** The id of `id` and of every message below it. */
export function subtreeIds(messages: ChatMessage[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const m of messages) {
    if (!m.parentId) continue;
    const list = children.get(m.parentId);
    if (list) list.push(m.id);
    else children.set(m.parentId, [m.id]);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    for (const c of children.get(next) ?? []) stack.push(c);
  }
  return out;
}

/** Appends `added` below the shown leaf (each new message the child of the one before). */
export function appendToThread(c: Pick<Conversation, "messages" | "leafId">, added: ChatMessage[]): { messages: ChatMessage[]; leafId: string | null } {
  let parent = leafIdOf(c);
  const linked = added.map((m) => {
    const next = m.parentId === undefined ? { ...m, parentId: parent } : m;
    parent = next.id;
    return next;
  });
  return { messages: [...c.messages, ...linked], leafId: parent };
}

/** Removes the message and everything below it; the leaf moves to its parent when it was inside. */
export function removeSubtree(c: Pick<Conversation, "messages" | "leafId">, id: string): { messages: ChatMessage[]; leafId: string | null } | null {
  const target = c.messages.find((m) => m.id === id);
  if (!target) return null;
  const gone = subtreeIds(c.messages, id);
  const messages = c.messages.filter((m) => !gone.has(m.id));
  const leaf = leafIdOf(c);
  const leafId = leaf !== null && gone.has(leaf) ? (target.parentId ?? null) : leaf;
  return { messages, leafId };
}

/** Removes one message; its children move up to its parent, so what follows it stays. */
export function removeOne(c: Pick<Conversation, "messages" | "leafId">, id: string): { messages: ChatMessage[]; leafId: string | null } | null {
  const target = c.messages.find((m) => m.id === id);
  if (!target) return null;
  const parent = target.parentId ?? null;
  const messages = c.messages.filter((m) => m.id !== id).map((m) => (m.parentId === id ? { ...m, parentId: parent } : m));
  const leaf = leafIdOf(c);
  return { messages, leafId: leaf === id ? parent : leaf };
}
