/**
 * Foreign histories are trees (ChatGPT's `mapping`, LobeChat's `parentId`) with nodes this app does
 * not show: system prompts, tool calls, hidden or empty messages. Skipping a node must not cut the
 * tree, so its children hang from its nearest kept ancestor instead.
 */
import type { ChatMessage } from "@/lib/types";

export interface SourceNode {
  id: string;
  /** The source's parent id: null for a root, undefined when the source gives none. */
  parent: string | null | undefined;
  /** What this node becomes; null when it is skipped. */
  message: Omit<ChatMessage, "parentId"> | null;
}

/**
 * Kept messages in the order given, each with `parentId` set to its nearest kept ancestor.
 * A parent the source does not name, or names but does not contain, becomes the kept message just
 * before (`"previous"`, for sources that leave links out) or none (`"root"`). A parent that does
 * not come earlier in the order is treated the same way, which also breaks any cycle.
 */
export function connectTree(nodes: SourceNode[], fallback: "previous" | "root"): ChatMessage[] {
  const byId = new Map<string, SourceNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const position = new Map<string, number>();
  const out: ChatMessage[] = [];
  for (const node of nodes) {
    if (!node.message || position.has(node.id)) continue;
    const here = out.length;
    let parent = keptAncestor(node, byId, position);
    if (parent === undefined || (parent !== null && (position.get(parent) ?? Infinity) >= here)) {
      parent = fallback === "previous" && here > 0 ? out[here - 1].id : null;
    }
    position.set(node.id, here);
    out.push({ ...node.message, id: node.id, parentId: parent });
  }
  return out;
}

/** The id of the nearest kept ancestor; null at a root; undefined when the chain breaks or loops. */
function keptAncestor(node: SourceNode, byId: Map<string, SourceNode>, position: Map<string, number>): string | null | undefined {
  let id = node.parent;
  // The common case, a kept parent already placed, needs no walk.
  if (typeof id === "string" && position.has(id)) return id;
  const seen = new Set<string>([node.id]);
  while (typeof id === "string") {
    const at = byId.get(id);
    if (!at || seen.has(id)) return undefined;
    if (at.message && position.has(id)) return id;
    if (at.message) return undefined; // kept but later in the order: not a usable parent
    seen.add(id);
    id = at.parent;
  }
  return id === null ? null : undefined;
}
