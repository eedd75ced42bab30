/**
 * Merging an import into what is already here, without duplicates: a conversation the app does
 * not have is added; one it has (same id) gets only the messages and ledger lines it lacks. Local
 * messages are never replaced by the file's copy, so an edit made here survives re-importing an
 * old backup, and importing the same file twice changes nothing the second time.
 */
import { leafIdOf } from "@/lib/chat/thread";
import type { Conversation, LedgerEntry, SavedPrompt } from "@/lib/types";
import { promptFingerprint } from "@/lib/prompts/library";
import type { ImportFormat } from "./problem";
import type { ImportBundle } from "./transfer";

export interface LocalData {
  conversations: Record<string, Conversation>;
  prompts: SavedPrompt[];
  /** Ledger lines outside any conversation. */
  ledger: LedgerEntry[];
}

export interface MergePlan {
  /** New and merged conversations, in the file's order: what `importMany` receives. */
  conversations: Conversation[];
  prompts: SavedPrompt[];
  ledger: LedgerEntry[];
  /**
   * `mergedMessages`: messages added to conversations that are already here; `samePrompts`: saved
   * prompts of the file already here (same id, or same name and content).
   */
  counts: { new: number; same: number; merged: number; mergedMessages: number; samePrompts: number };
}

/** True when `ancestor` is `id` or lies on the way from `id` up to its root. */
function isAncestor(parents: Map<string, string | null | undefined>, ancestor: string, id: string): boolean {
  const seen = new Set<string>();
  let at: string | null | undefined = id;
  while (at && !seen.has(at)) {
    if (at === ancestor) return true;
    seen.add(at);
    at = parents.get(at);
  }
  return false;
}

/** `local` with what `incoming` adds, or null when it adds nothing. */
export function mergeConversation(local: Conversation, incoming: Conversation): { conversation: Conversation; added: number } | null {
  const have = new Set(local.messages.map((m) => m.id));
  const added = incoming.messages.filter((m) => !have.has(m.id));
  const ledgerIds = new Set(local.ledger.map((l) => l.id));
  const ledgerAdded = incoming.ledger.filter((l) => !ledgerIds.has(l.id));
  if (!added.length && !ledgerAdded.length) return null;

  const messages = added.length ? [...local.messages, ...added] : local.messages;
  // The file's shown leaf wins only when it continues the branch shown here.
  const localLeaf = leafIdOf(local);
  const fileLeaf = leafIdOf(incoming);
  let leafId = localLeaf;
  if (fileLeaf && !have.has(fileLeaf)) {
    const parents = new Map(messages.map((m) => [m.id, m.parentId]));
    if (localLeaf === null || isAncestor(parents, localLeaf, fileLeaf)) leafId = fileLeaf;
  }
  const conversation: Conversation = {
    ...local,
    messages,
    leafId,
    ledger: ledgerAdded.length ? [...local.ledger, ...ledgerAdded] : local.ledger,
    updatedAt: Math.max(local.updatedAt, incoming.updatedAt),
  };
  return { conversation, added: added.length };
}

export function planMerge(local: LocalData, bundle: ImportBundle): MergePlan {
  const plan: MergePlan = { conversations: [], prompts: [], ledger: [], counts: { new: 0, same: 0, merged: 0, mergedMessages: 0, samePrompts: 0 } };
  for (const c of bundle.conversations) {
    const mine = local.conversations[c.id];
    if (!mine) {
      plan.conversations.push(c);
      plan.counts.new++;
      continue;
    }
    const merged = mergeConversation(mine, c);
    if (!merged) {
      plan.counts.same++;
      continue;
    }
    plan.conversations.push(merged.conversation);
    plan.counts.merged++;
    plan.counts.mergedMessages += merged.added;
  }
  // A prompt that is already here is kept as it is here (it may have been edited since). A mask
  // NextChat imported or cloned gets a new id there, so the same content under a new id is the same too.
  const promptIds = new Set(local.prompts.map((p) => p.id));
  const fingerprints = new Set(local.prompts.map(promptFingerprint));
  for (const p of bundle.prompts ?? []) {
    const print = promptFingerprint(p);
    if (promptIds.has(p.id) || fingerprints.has(print)) {
      plan.counts.samePrompts++;
      continue;
    }
    plan.prompts.push(p);
    promptIds.add(p.id);
    fingerprints.add(print);
  }
  const ledgerIds = new Set(local.ledger.map((l) => l.id));
  plan.ledger = (bundle.ledger ?? []).filter((l) => !ledgerIds.has(l.id));
  return plan;
}

export interface ImportSummary {
  format: ImportFormat;
  conversations: number;
  messages: number;
  /** Oldest and newest message time; null when the file has no messages. */
  from: number | null;
  to: number | null;
  counts: MergePlan["counts"];
  prompts: number;
  ledger: number;
  /** Importing would change nothing. */
  nothing: boolean;
}

/** What the preview shows: one pass over the messages, nothing else. */
export function summarise(format: ImportFormat, bundle: ImportBundle, plan: MergePlan): ImportSummary {
  let messages = 0;
  let from = Infinity;
  let to = -Infinity;
  for (const c of bundle.conversations) {
    messages += c.messages.length;
    for (const m of c.messages) {
      if (m.createdAt < from) from = m.createdAt;
      if (m.createdAt > to) to = m.createdAt;
    }
  }
  return {
    format,
    conversations: bundle.conversations.length,
    messages,
    from: messages ? from : null,
    to: messages ? to : null,
    counts: plan.counts,
    prompts: plan.prompts.length,
    ledger: plan.ledger.length,
    nothing: !plan.conversations.length && !plan.prompts.length && !plan.ledger.length,
  };
}
