/**
 * Message ids are unique within a conversation: storage keys each message by (conversation id,
 * message id), so two messages sharing an id would overwrite each other there. Ids made by the app
 * (newId) are always unique; this guards the two ways in which outside data arrives — an imported
 * file and records stored before messages had their own keys.
 */
import { newId } from "./id";
import type { Conversation } from "./types";

/** The conversation itself when every message has a distinct non-empty id; else a copy where each
 *  later duplicate (or missing id) gets a fresh one, so no message is dropped. */
export function withUniqueMessageIds(c: Conversation): Conversation {
  const seen = new Set<string>();
  let fixed: Conversation["messages"] | null = null;
  c.messages.forEach((m, i) => {
    const ok = typeof m.id === "string" && m.id !== "" && !seen.has(m.id);
    if (ok) {
      seen.add(m.id);
      return;
    }
    fixed ??= c.messages.slice();
    let id = newId();
    while (seen.has(id)) id = newId();
    seen.add(id);
    fixed[i] = { ...m, id };
  });
  return fixed ? { ...c, messages: fixed } : c;
}
