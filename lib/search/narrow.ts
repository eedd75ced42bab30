/**
 * Answering a keystroke on the page, without the trip to the worker and back, when the new query
 * only narrows the last one the worker answered: a text holding every term of the new query holds
 * every term of the old one, so only what matched then can match now. The page checks those few
 * messages itself, and only when the result is certain to be the index's own answer: the index has
 * not changed since (the caller's business), the scan covered the whole history or the candidates
 * still fill the limit. Otherwise it returns null and the worker answers.
 */
import { extendsQuery, firstMatch } from "./fold";
import type { Candidates, SearchAnswer, SearchHit } from "./search-index";

export type { Candidates };

/** Folded text as the index holds it; undefined when the page no longer has it. */
export interface FoldedSource {
  title(convId: string): string | undefined;
  text(convId: string, messageId: string): string | undefined;
}

/**
 * The index's answer to `terms` (folded, as queryTerms gives them) worked out from `base`, or null
 * when it cannot be told from there.
 */
export function narrowSearch(base: Candidates, terms: readonly string[], limit: number, source: FoldedSource): SearchAnswer | null {
  if (!terms.length || limit !== base.limit || !extendsQuery(terms, base.folded)) return null;
  const { hitsPerConversation } = base;
  const answer: SearchAnswer = { terms: [...terms], groups: [], more: false };
  for (const c of base.convs) {
    let titleAt = -1;
    if (c.title) {
      const title = source.title(c.id);
      if (title === undefined) return null;
      titleAt = firstMatch(title, terms);
    }
    const hits: SearchHit[] = [];
    let total = 0;
    for (const id of c.docs) {
      const text = source.text(c.id, id);
      if (text === undefined) return null;
      const at = firstMatch(text, terms);
      if (at < 0) continue;
      total++;
      if (hits.length < hitsPerConversation) hits.push({ messageId: id, at });
    }
    if (titleAt < 0 && total === 0) continue;
    // One conversation past the limit: the index stops here too.
    if (answer.groups.length === limit) {
      answer.more = true;
      return answer;
    }
    answer.groups.push({ convId: c.id, titleAt, hits, total });
  }
  // Fewer than the limit plus one: the index would read on past where the old scan stopped.
  return base.complete ? answer : null;
}
