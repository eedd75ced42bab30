// A long answer shaped like what chat models really write: prose with inline code, bold, italics and
// links; nested and loose lists (code blocks inside list items, as in step-by-step instructions);
// tables; fenced code in TypeScript, TSX, Python, Bash and JSON of realistic lengths; quotes.
// Deterministic for a given seed. The older, narrower generator is `longMarkdown` in content.mjs.
import { rng, sentence, tokenPieces } from "./content.mjs";

const TOPICS = ["stream", "cache", "retry", "session", "upload", "queue", "router", "parser", "token", "webhook", "schema", "worker"];
const DOCS = [
  "https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API",
  "https://nodejs.org/api/stream.html",
  "https://react.dev/reference/react/useMemo",
  "https://docs.python.org/3/library/asyncio.html",
  "https://www.typescriptlang.org/docs/handbook/2/generics.html",
  "https://platform.openai.com/docs/api-reference/chat",
  "https://github.com/remarkjs/react-markdown#readme",
  "https://www.gnu.org/software/bash/manual/bash.html",
];
const TERMS = ["`AbortController`", "`useEffect`", "`async`/`await`", "`Promise.all`", "`JSON.parse`", "`ReadableStream`", "`Map`", "`fetch()`", "`--max-old-space-size`", "`asyncio.gather`", "`Content-Type`", "`429`"];

const pick = (rand, xs) => xs[Math.floor(rand() * xs.length)];

/** A sentence with inline code, bold, italics or a link woven in, like model prose. */
function richSentence(rand, k) {
  const words = sentence(rand, 8, 20).slice(0, -1).split(" ");
  const at = (n) => Math.floor(rand() * n);
  const marks = 1 + at(3);
  for (let m = 0; m < marks; m++) {
    const i = 1 + at(words.length - 1);
    const kind = at(5);
    if (kind === 0) words.splice(i, 0, pick(rand, TERMS));
    else if (kind === 1 && i + 1 < words.length) words.splice(i, 2, `**${words[i]} ${words[i + 1]}**`);
    else if (kind === 2) words.splice(i, 0, `[the ${pick(rand, TOPICS)} guide](${pick(rand, DOCS)})`);
    else if (kind === 3) words[i] = `*${words[i]}*`;
    else words.splice(i, 0, `\`${pick(rand, TOPICS)}_${k}()\``);
  }
  return `${words.join(" ")}.`;
}

/** A table cell: a short phrase with at most one inline mark. */
function cellText(rand, k) {
  const words = sentence(rand, 3, 7).slice(0, -1).split(" ");
  const r = rand();
  if (r < 0.3) words.push(pick(rand, TERMS));
  else if (r < 0.5) words[0] = `**${words[0]}**`;
  else if (r < 0.6) words.push(`[docs](${pick(rand, DOCS)})`);
  else if (r < 0.8) words.push(`\`${pick(rand, TOPICS)}_${k}\``);
  return words.join(" ");
}

function richParagraph(rand, k, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(richSentence(rand, k));
  return out.join(" ");
}

const CODE = {
  ts: (k, t) => [
    `import { setTimeout as sleep } from "node:timers/promises";`,
    "",
    `export interface ${cap(t)}Options {`,
    "  retries: number;",
    "  baseDelayMs: number;",
    "  signal?: AbortSignal;",
    "}",
    "",
    `export async function with${cap(t)}Retry<T>(run: () => Promise<T>, { retries, baseDelayMs, signal }: ${cap(t)}Options): Promise<T> {`,
    "  let lastError: unknown;",
    "  for (let attempt = 0; attempt <= retries; attempt++) {",
    "    try {",
    "      return await run();",
    "    } catch (err) {",
    "      lastError = err;",
    `      if (signal?.aborted || attempt === retries) break;`,
    `      const jitter = Math.random() * ${k + 50};`,
    "      await sleep(baseDelayMs * 2 ** attempt + jitter, undefined, { signal });",
    "    }",
    "  }",
    `  throw new Error(\`${t} failed after \${retries + 1} attempts\`, { cause: lastError });`,
    "}",
    "",
    `const cache = new Map<string, { at: number; value: string }>();`,
    `export function cached${cap(t)}(key: string, ttlMs = ${1000 * (k % 9 + 1)}): string | undefined {`,
    "  const hit = cache.get(key);",
    "  return hit && Date.now() - hit.at < ttlMs ? hit.value : undefined;",
    "}",
  ],
  tsx: (k, t) => [
    `"use client";`,
    `import { useEffect, useMemo, useState } from "react";`,
    "",
    `type Row = { id: string; name: string; score: number };`,
    "",
    `export function ${cap(t)}Table({ rows, filter }: { rows: Row[]; filter: string }) {`,
    "  const [sortKey, setSortKey] = useState<keyof Row>(\"score\");",
    "  const visible = useMemo(",
    "    () => rows.filter((r) => r.name.toLowerCase().includes(filter.toLowerCase())).sort((a, b) => (a[sortKey] < b[sortKey] ? 1 : -1)),",
    "    [rows, filter, sortKey],",
    "  );",
    "  useEffect(() => {",
    `    document.title = \`\${visible.length} ${t}s\`;`,
    "  }, [visible.length]);",
    "  return (",
    `    <table className="w-full text-sm">`,
    "      <thead>",
    "        <tr>",
    `          <th onClick={() => setSortKey("name")}>Name</th>`,
    `          <th onClick={() => setSortKey("score")} className="text-right">Score</th>`,
    "        </tr>",
    "      </thead>",
    "      <tbody>",
    "        {visible.map((r) => (",
    `          <tr key={r.id} data-${t}="${k}">`,
    "            <td>{r.name}</td>",
    `            <td className="text-right">{r.score.toFixed(${k % 3})}</td>`,
    "          </tr>",
    "        ))}",
    "      </tbody>",
    "    </table>",
    "  );",
    "}",
  ],
  python: (k, t) => [
    "import asyncio",
    "import json",
    "from dataclasses import dataclass, field",
    "",
    "",
    "@dataclass",
    `class ${cap(t)}Stats:`,
    "    count: int = 0",
    "    errors: list[str] = field(default_factory=list)",
    "",
    "",
    `async def fetch_${t}(session, url: str, stats: ${cap(t)}Stats, limit: int = ${k % 7 + 3}) -> dict:`,
    `    """Fetch one ${t} page and count what came back."""`,
    "    async with session.get(url, timeout=30) as resp:",
    "        if resp.status != 200:",
    `            stats.errors.append(f"{url}: HTTP {resp.status}")`,
    "            return {}",
    "        data = await resp.json()",
    "        stats.count += len(data.get(\"items\", [])[:limit])",
    "        return data",
    "",
    "",
    `async def main(urls: list[str]) -> None:`,
    `    stats = ${cap(t)}Stats()`,
    "    async with make_session() as session:",
    `        results = await asyncio.gather(*(fetch_${t}(session, u, stats) for u in urls))`,
    "    print(json.dumps({\"pages\": len(results), \"items\": stats.count}, indent=2))",
  ],
  bash: (k, t) => [
    "#!/usr/bin/env bash",
    "set -euo pipefail",
    "",
    `export ${t.toUpperCase()}_DIR="\${HOME}/.cache/${t}"`,
    `mkdir -p "$${t.toUpperCase()}_DIR"`,
    `for f in logs/${t}-*.log; do`,
    `  count=$(grep -c "status=${400 + (k % 100)}" "$f" || true)`,
    `  echo "$f: $count"`,
    "done | sort -t: -k2 -n | tail -n 5",
    `curl -fsS -H "Authorization: Bearer $API_KEY" https://api.example.com/v1/${t}s?limit=${k % 50 + 10} | jq '.data[] | {id, status}'`,
  ],
  json: (k, t) => [
    "{",
    `  "name": "${t}-service",`,
    `  "version": "1.${k % 20}.0",`,
    `  "endpoints": [`,
    `    { "path": "/v1/${t}s", "method": "GET", "timeoutMs": ${1000 + k}, "cache": true },`,
    `    { "path": "/v1/${t}s/{id}", "method": "DELETE", "timeoutMs": 5000, "cache": false }`,
    "  ],",
    `  "retry": { "retries": ${k % 5}, "baseDelayMs": 250, "on": [429, 500, 502, 503] },`,
    `  "limits": { "perMinute": ${60 * (k % 10 + 1)}, "burst": 20 },`,
    `  "features": { "streaming": true, "compression": "gzip", "tags": ["${t}", "beta"] }`,
    "}",
  ],
};
const LANGS = Object.keys(CODE);

function cap(s) {
  return s[0].toUpperCase() + s.slice(1);
}

function fence(lang, lines, indent = "") {
  return ["```" + lang, ...lines, "```"].map((l) => (l ? indent + l : l));
}

/** One section; `k` rotates what it holds so every shape appears many times over the answer. */
function section(rand, k, counts) {
  const t = TOPICS[k % TOPICS.length];
  const lang = LANGS[k % LANGS.length];
  const lang2 = LANGS[(k + 2) % LANGS.length];
  const out = [`## ${k + 1}. ${cap(t)} ${sentence(rand, 2, 4).slice(0, -1).toLowerCase()}`, "", richParagraph(rand, k, 3), ""];
  counts.paragraphs++;
  // A nested list, three levels deep.
  out.push(`- **${cap(t)} first**: ${richSentence(rand, k)}`, `  - ${richSentence(rand, k)}`, `    - ${richSentence(rand, k)}`, `    - ${richSentence(rand, k)}`, `  - ${richSentence(rand, k)}`, `- **Then**: ${richSentence(rand, k)}`, `  1. ${richSentence(rand, k)}`, `  2. ${richSentence(rand, k)}`, "");
  counts.nestedLists++;
  out.push(richParagraph(rand, k, 2), "", ...fence(lang, CODE[lang](k, t)), "");
  counts.code[lang]++;
  if (k % 2 === 0) {
    // Step-by-step instructions: a loose ordered list with code inside its items.
    out.push(`1. ${richSentence(rand, k)}`, "", ...fence(lang2, CODE[lang2](k, t).slice(0, 12), "   "), "", `2. ${richSentence(rand, k)}`, "", `   ${richSentence(rand, k)}`, "", `3. ${richSentence(rand, k)}`, "");
    counts.code[lang2]++;
    counts.listsWithCode++;
  }
  out.push("| option | type | default | what it does |", "| --- | --- | ---: | --- |");
  for (let r = 0; r < 5; r++) out.push(`| \`${t}.${pick(rand, ["timeout", "retries", "limit", "mode", "level"])}${r}\` | ${pick(rand, ["`number`", "`string`", "`boolean`"])} | ${Math.floor(rand() * 1000)} | ${cellText(rand, k)} |`);
  out.push("", richParagraph(rand, k, 2), "");
  counts.tables++;
  if (k % 3 === 1) {
    out.push(`> **Note:** ${richSentence(rand, k)}`, "", `### ${cap(t)} in practice`, "", richParagraph(rand, k, 4), "");
    counts.paragraphs++;
  }
  counts.paragraphs += 2;
  return `${out.join("\n")}\n`;
}

/** A deterministic mixed answer of about `tokens` token-like pieces, and what it is made of. */
export function mixedMarkdown(tokens, seed = 42) {
  const rand = rng(seed);
  const counts = { sections: 0, paragraphs: 0, nestedLists: 0, listsWithCode: 0, tables: 0, code: Object.fromEntries(LANGS.map((l) => [l, 0])) };
  let text = "Here is a complete walkthrough, with code for each part.\n\n";
  let count = tokenPieces(text).length;
  for (let k = 0; count < tokens; k++) {
    const s = section(rand, k, counts);
    text += s;
    count += tokenPieces(s).length;
    counts.sections++;
  }
  const pieces = tokenPieces(text);
  counts.links = (text.match(/\]\(https:/g) ?? []).length;
  counts.inlineCode = (text.match(/(^|[^`])`[^`\n]+`(?!`)/g) ?? []).length;
  counts.bold = (text.match(/\*\*[^*]+\*\*/g) ?? []).length;
  return { text, pieces, counts };
}

/** One line saying what the mixed answer holds. */
export function describeMixed(c) {
  const code = Object.entries(c.code)
    .map(([l, n]) => `${l} ${n}`)
    .join(", ");
  return `mixed: ${c.sections} sections; ${c.paragraphs} paragraphs with ${c.inlineCode} inline code spans, ${c.bold} bold, ${c.links} links; ${c.nestedLists} nested lists (3 levels), ${c.listsWithCode} loose lists with code in items; ${c.tables} tables; code blocks: ${code}`;
}

/**
 * The mixed answer with its last part one long TypeScript code block (`share` of the tokens), as
 * when a model ends with a whole file: the block still open when the stream ends is the dearest to
 * show done (parsed and highlighted at once). `open` leaves its fence unclosed, as an answer cut
 * off by max_tokens does.
 */
export function codeTailMarkdown(tokens, { share = 0.3, open = false, seed = 42 } = {}) {
  const head = mixedMarkdown(Math.round(tokens * (1 - share)), seed);
  const lines = [];
  let count = 0;
  for (let k = 0; count < tokens * share; k++) {
    const chunk = CODE.ts(k, TOPICS[k % TOPICS.length]);
    lines.push(...chunk, "");
    count += tokenPieces(`${chunk.join("\n")}\n\n`).length;
  }
  const text = `${head.text}\nThe whole module:\n\n\`\`\`ts\n${lines.join("\n")}\n${open ? "" : "```\n"}`;
  const code = { ...head.counts.code, ts: head.counts.code.ts + 1 };
  return { text, pieces: tokenPieces(text), counts: { ...head.counts, code }, tailChars: lines.join("\n").length };
}
