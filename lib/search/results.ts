/** The search answer as the list the user moves through: a title match, then each message hit. */
import type { SearchAnswer, SearchGroup } from "./search-index";

export interface ResultOption {
  key: string;
  convId: string;
  /** Absent for a title match: the option opens the conversation. */
  messageId?: string;
}

export function resultOptions(answer: SearchAnswer): ResultOption[] {
  const out: ResultOption[] = [];
  for (const g of answer.groups) {
    if (g.titleAt >= 0) out.push({ key: `${g.convId}\u0000`, convId: g.convId });
    for (const h of g.hits) out.push({ key: `${g.convId}\u0000${h.messageId}`, convId: g.convId, messageId: h.messageId });
  }
  return out;
}

/** How many groups hold the first `options` options (at least one): what a screenful renders. */
export function groupsForOptions(groups: readonly SearchGroup[], options: number): number {
  let n = 0;
  let seen = 0;
  while (n < groups.length && seen < options) {
    seen += (groups[n].titleAt >= 0 ? 1 : 0) + groups[n].hits.length;
    n++;
  }
  return Math.max(1, n);
}
