/** The search answer as the list the user moves through: a title match, then each message hit. */
import type { SearchAnswer } from "./search-index";

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
