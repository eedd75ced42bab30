// A large history for bench/large-history.mjs, as a relaychat export file (format 2: messages
// with parents, the shown leaf), so it can be imported through the app's own Settings → Data
// rather than written into one IndexedDB layout. Deterministic: the same options give the same file.
import { paragraph, rng, sentence } from "./content.mjs";

function codeBlock(rand, k, lines) {
  const out = [];
  for (let i = 0; i < lines; i++) out.push(`${"  ".repeat(i % 4)}const v${k}_${i} = compute(${i}, "${sentence(rand, 2, 6).slice(0, -1)}");`);
  return ["```ts", ...out, "```"].join("\n");
}

/** An answer of about `size` characters: prose, a list, and code blocks (about half the text). */
function answer(rand, k, size) {
  const parts = [];
  let length = 0;
  let block = 0;
  while (length < size) {
    const p = rand() < 0.3 ? [`- ${sentence(rand)}`, `- ${sentence(rand)}`, `- ${sentence(rand)}`].join("\n") : paragraph(rand, 3 + Math.floor(rand() * 4));
    const c = codeBlock(rand, `${k}_${block++}`, 8 + Math.floor(rand() * 24));
    parts.push(p, c);
    length += p.length + c.length + 4;
  }
  return parts.join("\n\n");
}

/**
 * `conversations` conversations holding `messages` messages in all; the first holds `largest` of
 * them, the rest share the remainder. Assistant answers average `answerChars` characters.
 * Returns the export file and what a check needs: ids, counts, the largest one's last message id.
 */
export function largeHistory({ conversations = 50, messages = 10_000, largest = 2_400, answerChars = 9_000, seed = 11 } = {}) {
  const rand = rng(seed);
  const t0 = Date.UTC(2025, 0, 1);
  const rest = conversations - 1;
  // Question-and-answer pairs, so each conversation ends with an answer (its markdown is part of "shown").
  const pairs = Math.floor((messages - largest) / 2);
  const sizes = [largest, ...Array.from({ length: rest }, (_, i) => 2 * (Math.floor(pairs / rest) + (i < pairs % rest ? 1 : 0)))];
  const list = [];
  let k = 0;
  for (let c = 0; c < conversations; c++) {
    const id = `bench-history-${String(c).padStart(3, "0")}`;
    const msgs = [];
    let parentId = null;
    for (let i = 0; i < sizes[c]; i++) {
      const mid = `${id}-m${String(i).padStart(5, "0")}`;
      const createdAt = t0 + c * 86_400_000 + i * 60_000;
      const base = { id: mid, parentId, status: "done", createdAt };
      if (i % 2 === 0) msgs.push({ ...base, role: "user", content: rand() < 0.8 ? sentence(rand) : paragraph(rand, 3) });
      else {
        const content = answer(rand, k, answerChars * (0.3 + rand() * 1.4));
        msgs.push({ ...base, role: "assistant", content, model: "gpt-4o-mini", usage: { promptTokens: 500 + i * 3, completionTokens: Math.ceil(content.length / 4), estimated: false }, cost: null, finishReason: "stop" });
      }
      parentId = mid;
      k++;
    }
    list.push({
      id,
      title: c === 0 ? "The largest conversation" : `Conversation ${c + 1}: ${sentence(rand, 2, 4).slice(0, -1)}`,
      titleSettled: true,
      createdAt: t0 + c * 86_400_000,
      // The largest is the most recent, so it tops the list and opens by default after a pick.
      updatedAt: t0 + (c === 0 ? conversations + 1 : conversations - c) * 86_400_000,
      messages: msgs,
      leafId: msgs.at(-1).id,
      overrides: {},
      ledger: [],
    });
  }
  const file = { format: "relaychat", version: 2, exportedAt: new Date(t0).toISOString(), conversations: list };
  return {
    file,
    largestId: list[0].id,
    largestTitle: list[0].title,
    lastId: list[0].messages.at(-1).id,
    counts: Object.fromEntries(list.map((c) => [c.id, c.messages.length])),
    totalMessages: list.reduce((n, c) => n + c.messages.length, 0),
    totalChars: list.reduce((n, c) => n + c.messages.reduce((m, x) => m + x.content.length, 0), 0),
  };
}
