/**
 * Model names as relays spell them: any case, dated suffixes ("gpt-4o-2024-08-06"), vendor
 * prefixes ("openai/gpt-4o", "deepseek-ai/DeepSeek-V3"). Tables in lib/models/models.ts and
 * lib/pricing.ts are keyed by family prefixes; this module decides which entry a name belongs to.
 */

/** Lower case, trimmed, without a vendor prefix: "openai/GPT-4o " → "gpt-4o". */
export function normalizeModelName(model: string): string {
  const lower = model.trim().toLowerCase();
  const slash = lower.lastIndexOf("/");
  return slash === -1 ? lower : lower.slice(slash + 1);
}

interface PreparedTable<T> {
  /** [normalised key, key, value], without keys that normalise to nothing. */
  entries: [string, string, T][];
  found: Map<string, { key: string; value: T } | undefined>;
}

// Tables are never changed in place (settings replace them), so what was worked out for one
// holds: the list re-renders every message's price and context window on each update.
const prepared = new WeakMap<object, PreparedTable<unknown>>();

function prepare<T>(table: Record<string, T>): PreparedTable<T> {
  let known = prepared.get(table) as PreparedTable<T> | undefined;
  if (!known) {
    const entries: [string, string, T][] = [];
    for (const [key, value] of Object.entries(table)) {
      const k = normalizeModelName(key);
      if (k) entries.push([k, key, value]);
    }
    known = { entries, found: new Map() };
    prepared.set(table, known as PreparedTable<unknown>);
  }
  return known;
}

/**
 * The entry whose key is the longest prefix of the model name, so "gpt-4o-mini" finds
 * "gpt-4o-mini" rather than "gpt-4o", and "gpt-4-turbo" finds "gpt-4-turbo" rather than "gpt-4".
 * Keys are compared normalised too, so user-typed keys in any case work.
 */
export function longestPrefixMatch<T>(
  model: string,
  table: Record<string, T>,
): { key: string; value: T } | undefined {
  const name = normalizeModelName(model);
  if (!name) return undefined;
  const known = prepare(table);
  if (known.found.has(name)) return known.found.get(name);
  let best: { key: string; value: T } | undefined;
  let bestLen = -1;
  for (const [k, key, value] of known.entries) {
    if (!name.startsWith(k) || k.length <= bestLen) continue;
    best = { key, value };
    bestLen = k.length;
  }
  known.found.set(name, best);
  return best;
}

const merges = new WeakMap<object, WeakMap<object, Record<string, unknown>>>();

/**
 * User entries join the built-in table and replace entries of the same (normalised) name; the
 * longest match then wins over the merged set. A user entry for "gpt-4" therefore does not
 * hijack "gpt-4o", which has a longer built-in entry of its own. The same two tables give the
 * same merged object, so its matches are worked out once.
 */
export function mergeTables<T>(builtIn: Record<string, T>, user?: Record<string, T>): Record<string, T> {
  if (!user) return builtIn;
  let byUser = merges.get(builtIn);
  if (!byUser) merges.set(builtIn, (byUser = new WeakMap()));
  const known = byUser.get(user) as Record<string, T> | undefined;
  if (known) return known;
  const merged: Record<string, T> = {};
  for (const [k, v] of Object.entries(builtIn)) merged[normalizeModelName(k)] = v;
  for (const [k, v] of Object.entries(user)) {
    const key = normalizeModelName(k);
    if (key) merged[key] = v;
  }
  byUser.set(user, merged);
  return merged;
}
