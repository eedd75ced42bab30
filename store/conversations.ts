/**
 * Conversations, their messages and ledgers. Pure state and actions: no fetch, no storage.
 * Every action replaces only the conversation and the messages it touches, so persistence
 * (lib/client/save-scheduler.ts) can tell by identity which messages changed and write only those.
 * Messages form a tree (lib/chat/thread.ts); the actions edit the branch shown.
 */
import { create } from "zustand";
import { newId } from "@/lib/id";
import { withUniqueMessageIds } from "@/lib/message-ids";
import { appendToThread, leafIdOf, linkChain, removeOne, removeSubtree, threadOf } from "@/lib/chat/thread";
import { leafAfterRemoval, newestLeafUnder } from "@/lib/chat/branches";
import type { ChatMessage, ChatParams, Conversation, LedgerEntry } from "@/lib/types";

/** Days a deleted conversation stays in the trash before it is removed for good. */
export const TRASH_DAYS = 30;

interface ConversationsState {
  conversations: Record<string, Conversation>;
  /** Ids, most recently updated first. */
  order: string[];
  /** Deleted conversations (with deletedAt), restorable until the trash empties itself. */
  trash: Record<string, Conversation>;
  currentId: string | null;
  loaded: boolean;
  hydrate: (list: Conversation[], currentId: string | null) => void;
  create: () => string;
  /**
   * Opens a chat that starts with these overrides and messages (a saved prompt's): the open chat
   * when it is still untouched and empty, else a new one. Returns its id.
   */
  startWith: (init: { overrides: Partial<ChatParams>; messages: ChatMessage[] }) => string;
  select: (id: string) => void;
  /**
   * Opens a conversation with one of its messages in view: when the message is on a branch that
   * is not shown, the branch switches to the newest leaf below it first.
   */
  showMessage: (id: string, messageId: string) => void;
  rename: (id: string, title: string) => void;
  /** A generated title; `settled` stops later generators from replacing it. */
  setTitle: (id: string, title: string, settled: boolean) => void;
  settleTitle: (id: string) => void;
  /** Moves a conversation to the trash. */
  remove: (id: string) => void;
  restore: (id: string) => void;
  /** Removes a trashed conversation for good (its ledger lines stay in the cost history). */
  purge: (id: string) => void;
  /** Replaces one conversation with the version another tab wrote (or drops it when gone). */
  replaceFromStorage: (id: string, next: Conversation | undefined) => void;
  setOverrides: (id: string, patch: Partial<ChatParams>) => void;
  clearOverrides: (id: string) => void;
  appendMessages: (id: string, messages: ChatMessage[]) => void;
  patchMessage: (id: string, messageId: string, patch: Partial<ChatMessage>) => void;
  removeMessage: (id: string, messageId: string) => void;
  /** Drops the message and everything after it on its branch. */
  truncateFrom: (id: string, messageId: string) => void;
  /**
   * Deletes a message and what follows it on its branch; the view moves to a remaining version
   * beside it, or to its parent. Returns what Undo needs, or null when nothing was removed.
   */
  removeBranch: (id: string, messageId: string) => RemovedBranch | null;
  /** Undo of removeBranch: puts the messages back where they were and shows the leaf shown before. */
  restoreBranch: (id: string, removed: RemovedBranch) => void;
  /** Shows the version `messageId` (and the newest continuation below it). */
  showBranch: (id: string, messageId: string) => void;
  addLedger: (id: string, entry: LedgerEntry) => void;
  importMany: (list: Conversation[]) => void;
}

export interface RemovedBranch {
  /** The conversation's messages before the removal, in their order. */
  before: ChatMessage[];
  removedIds: string[];
  leafId: string | null;
}

export function emptyConversation(now = Date.now()): Conversation {
  return {
    id: newId(),
    title: "",
    titleSettled: false,
    createdAt: now,
    updatedAt: now,
    messages: [],
    leafId: null,
    overrides: {},
    ledger: [],
  };
}

function sortOrder(conversations: Record<string, Conversation>): string[] {
  return Object.values(conversations)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((c) => c.id);
}

type Setter = (fn: (s: ConversationsState) => Partial<ConversationsState>) => void;

/** Applies `fn` to one conversation; `touch` moves it to the top of the list. */
function updateOne(set: Setter, id: string, fn: (c: Conversation) => Conversation, touch = false) {
  set((s) => {
    const current = s.conversations[id];
    if (!current) return {};
    const next = fn(current);
    if (next === current) return {};
    const stamped = touch ? { ...next, updatedAt: Date.now() } : next;
    const conversations = { ...s.conversations, [id]: stamped };
    return touch ? { conversations, order: [id, ...s.order.filter((x) => x !== id)] } : { conversations };
  });
}

function mapMessages(c: Conversation, fn: (m: ChatMessage[]) => ChatMessage[]): Conversation {
  const messages = fn(c.messages);
  return messages === c.messages ? c : { ...c, messages };
}

/** Data from storage or a file: every message linked to a parent, the shown leaf named. */
function asTree(c: Conversation): Conversation {
  const unique = withUniqueMessageIds(c);
  const messages = linkChain(unique.messages);
  const leafId = leafIdOf({ messages, leafId: unique.leafId });
  return messages === unique.messages && leafId === unique.leafId ? unique : { ...unique, messages, leafId };
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

export const useConversations = create<ConversationsState>((set, get) => ({
  conversations: {},
  order: [],
  trash: {},
  currentId: null,
  loaded: false,

  hydrate: (list, currentId) => {
    const conversations: Record<string, Conversation> = {};
    const trash: Record<string, Conversation> = {};
    for (const c of list) (c.deletedAt ? trash : conversations)[c.id] = asTree(c);
    const order = sortOrder(conversations);
    const validCurrent = currentId && conversations[currentId] ? currentId : (order[0] ?? null);
    set({ conversations, order, trash, currentId: validCurrent, loaded: true });
  },

  create: () => {
    const { currentId, conversations } = get();
    const current = currentId ? conversations[currentId] : undefined;
    // Reuse an untouched empty chat instead of piling up blank ones.
    if (current && current.messages.length === 0) return current.id;
    const conv = emptyConversation();
    set((s) => ({
      conversations: { ...s.conversations, [conv.id]: conv },
      order: [conv.id, ...s.order],
      currentId: conv.id,
    }));
    return conv.id;
  },

  startWith: ({ overrides, messages }) => {
    const { currentId, conversations } = get();
    const current = currentId ? conversations[currentId] : undefined;
    const now = Date.now();
    const base = current && current.messages.length === 0 ? current : emptyConversation(now);
    const conv: Conversation = { ...base, updatedAt: now, overrides, messages, leafId: messages.length ? messages[messages.length - 1].id : null };
    set((s) => ({
      conversations: { ...s.conversations, [conv.id]: conv },
      order: [conv.id, ...s.order.filter((x) => x !== conv.id)],
      currentId: conv.id,
    }));
    return conv.id;
  },

  select: (id) => set((s) => (s.conversations[id] ? { currentId: id } : {})),

  showMessage: (id, messageId) => {
    const c = get().conversations[id];
    // A message on the branch shown keeps that branch (and where the user went on from it).
    if (c && !threadOf(c).some((m) => m.id === messageId)) get().showBranch(id, messageId);
    get().select(id);
  },

  rename: (id, title) => updateOne(set, id, (c) => ({ ...c, title: title.trim(), titleSettled: true })),
  setTitle: (id, title, settled) =>
    updateOne(set, id, (c) => ({ ...c, title, titleSettled: c.titleSettled || settled })),
  settleTitle: (id) => updateOne(set, id, (c) => (c.titleSettled ? c : { ...c, titleSettled: true })),

  remove: (id) =>
    set((s) => {
      const gone = s.conversations[id];
      if (!gone) return {};
      const conversations = withoutKey(s.conversations, id);
      const order = s.order.filter((x) => x !== id);
      const trash = { ...s.trash, [id]: { ...gone, deletedAt: Date.now() } };
      return { conversations, order, trash, currentId: s.currentId === id ? (order[0] ?? null) : s.currentId };
    }),

  restore: (id) =>
    set((s) => {
      const back = s.trash[id];
      if (!back) return {};
      const { deletedAt: _deleted, ...restored } = back;
      const conversations = { ...s.conversations, [id]: restored };
      return { conversations, order: sortOrder(conversations), trash: withoutKey(s.trash, id), currentId: id };
    }),

  purge: (id) => set((s) => (s.trash[id] ? { trash: withoutKey(s.trash, id) } : {})),

  replaceFromStorage: (id, next) =>
    set((s) => {
      const inTrash = Boolean(next?.deletedAt);
      const conversations = next && !inTrash ? { ...s.conversations, [id]: asTree(next) } : withoutKey(s.conversations, id);
      const trash = next && inTrash ? { ...s.trash, [id]: asTree(next) } : withoutKey(s.trash, id);
      const order = sortOrder(conversations);
      return { conversations, trash, order, currentId: s.currentId && conversations[s.currentId] ? s.currentId : (order[0] ?? null) };
    }),

  setOverrides: (id, patch) => updateOne(set, id, (c) => ({ ...c, overrides: { ...c.overrides, ...patch } })),
  clearOverrides: (id) => updateOne(set, id, (c) => ({ ...c, overrides: {} })),

  appendMessages: (id, messages) => updateOne(set, id, (c) => ({ ...c, ...appendToThread(c, messages) }), true),

  patchMessage: (id, messageId, patch) =>
    updateOne(set, id, (c) =>
      mapMessages(c, (list) => {
        const i = list.findIndex((m) => m.id === messageId);
        if (i < 0) return list;
        const next = list.slice();
        next[i] = { ...list[i], ...patch };
        return next;
      }),
    ),

  removeMessage: (id, messageId) =>
    updateOne(set, id, (c) => {
      const next = removeOne(c, messageId);
      return next ? { ...c, ...next } : c;
    }),

  truncateFrom: (id, messageId) =>
    updateOne(set, id, (c) => {
      const next = removeSubtree(c, messageId);
      return next ? { ...c, ...next } : c;
    }),

  removeBranch: (id, messageId) => {
    const c = get().conversations[id];
    const cut = c && removeSubtree(c, messageId);
    if (!c || !cut) return null;
    const shown = leafIdOf(c);
    const removedIds = c.messages.filter((m) => !cut.messages.some((x) => x.id === m.id)).map((m) => m.id);
    const leafId = shown !== null && removedIds.includes(shown) ? leafAfterRemoval(c, messageId, cut.messages) : shown;
    updateOne(set, id, (conv) => ({ ...conv, messages: cut.messages, leafId }));
    return { before: c.messages, removedIds, leafId: shown };
  },

  restoreBranch: (id, removed) =>
    updateOne(set, id, (c) => {
      const present = new Map(c.messages.map((m) => [m.id, m]));
      const back = new Set(removed.removedIds);
      // The original order, with what changed since taken as it is now, then anything added since.
      const restored = removed.before.filter((m) => back.has(m.id) || present.has(m.id)).map((m) => present.get(m.id) ?? m);
      const known = new Set(restored.map((m) => m.id));
      const messages = [...restored, ...c.messages.filter((m) => !known.has(m.id))];
      return { ...c, messages, leafId: removed.leafId };
    }),

  showBranch: (id, messageId) =>
    updateOne(set, id, (c) => {
      if (!c.messages.some((m) => m.id === messageId)) return c;
      const leafId = newestLeafUnder(c.messages, messageId);
      return leafId === c.leafId ? c : { ...c, leafId };
    }),

  addLedger: (id, entry) => updateOne(set, id, (c) => ({ ...c, ledger: [...c.ledger, entry] })),

  importMany: (list) =>
    set((s) => {
      const conversations = { ...s.conversations };
      let trash = s.trash;
      // Storage keys messages by id within their conversation; a file may repeat an id.
      for (const c of list) {
        const { deletedAt: _deleted, ...live } = asTree(c);
        conversations[c.id] = live;
        // An imported conversation that was in the trash comes back as the file has it.
        if (trash[c.id]) trash = withoutKey(trash, c.id);
      }
      return { conversations, trash, order: sortOrder(conversations), currentId: s.currentId ?? list[0]?.id ?? null };
    }),
}));

/** Selectors, so components subscribe to the smallest slice they need. */
export const conversationSelectors = {
  current: (s: ConversationsState) => (s.currentId ? s.conversations[s.currentId] : undefined),
  byId: (id: string) => (s: ConversationsState) => s.conversations[id],
};
