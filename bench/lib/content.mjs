// Deterministic test content for the benchmarks: prose, lists, tables, code and math, and
// the token-like pieces a stream is cut into.


/** Deterministic PRNG (mulberry32). */
export function rng(seed = 1) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "the a of to and in that is for it as with on was by be this are from or at an which not have has but can stream token render answer model relay request response proxy buffer chunk frame layout paint memory cache latency throughput server client browser table column value index parser markdown block fence highlight math formula vector matrix sum integral function variable constant result error status retry timeout budget measure median percentile".split(
    " ",
  );

export function sentence(rand, min = 6, max = 18) {
  const n = min + Math.floor(rand() * (max - min + 1));
  const w = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(rand() * WORDS.length)]);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return `${w.join(" ")}.`;
}

export function paragraph(rand, sentences = 4) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rand));
  return out.join(" ");
}

const CODE = {
  js: (k) => [
    `export function reduce${k}(items, step = ${k % 7 + 1}) {`,
    "  const out = [];",
    "  for (let i = 0; i < items.length; i += step) {",
    "    const slice = items.slice(i, i + step);",
    `    out.push(slice.reduce((a, b) => a + b * ${k}, 0));`,
    "  }",
    "  return out.filter((x) => x % 2 === 0).map(String);",
    "}",
  ],
  python: (k) => [
    `def window_${k}(values, size=${k % 5 + 2}):`,
    '    """Sliding window sums."""',
    "    total = sum(values[:size])",
    "    yield total",
    "    for i in range(size, len(values)):",
    "        total += values[i] - values[i - size]",
    "        yield total",
  ],
  ts: (k) => [
    `interface Row${k} { id: string; score: number; tags: string[] }`,
    "",
    `export function rank${k}(rows: Row${k}[]): Row${k}[] {`,
    "  return [...rows]",
    "    .filter((r) => r.tags.includes(\"keep\"))",
    "    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));",
    "}",
  ],
  bash: (k) => [`for f in logs/*.txt; do`, `  grep -c "stream ${k}" "$f" | awk '{ s += $1 } END { print s }'`, "done"],
};

/** One section of a long markdown answer: prose, lists, a table, code, inline and block math. */
export function markdownSection(rand, k) {
  const langs = Object.keys(CODE);
  const lang = langs[k % langs.length];
  const parts = [
    `## ${k + 1}. ${sentence(rand, 2, 5).slice(0, -1)}`,
    "",
    `${paragraph(rand, 3)} With $a_${k} = \\frac{${k + 1}}{n}$ the sum stays below $\\sum_{i=1}^{n} a_i \\le ${k + 2}$, and \`step=${k}\` keeps it **bounded**.`,
    "",
    `- ${sentence(rand)}`,
    `- ${sentence(rand)} \`value_${k}\``,
    `- ${sentence(rand)}`,
    `  - ${sentence(rand, 4, 8)}`,
    "",
    `1. ${sentence(rand)}`,
    `2. ${sentence(rand)}`,
    `3. ${sentence(rand)}`,
    "",
    "| name | value | ratio | note |",
    "| --- | ---: | ---: | --- |",
  ];
  for (let r = 0; r < 4; r++) parts.push(`| row ${k}.${r} | ${Math.floor(rand() * 1000)} | ${(rand() * 2).toFixed(3)} | ${sentence(rand, 2, 4)} |`);
  parts.push("", paragraph(rand, 2), "", "```" + lang, ...CODE[lang](k), "```", "");
  if (k % 2 === 0) parts.push("$$", `\\int_0^{${k + 1}} x^2 \\, dx = \\frac{${(k + 1) ** 3}}{3}`, "$$", "");
  parts.push(`> ${sentence(rand)}`, "", paragraph(rand, 3), "");
  return parts.join("\n");
}

/** Cuts text into token-like pieces (about 4 characters, whitespace leading), joining back exactly. */
export function tokenPieces(text) {
  const raw = text.match(/[ \t]*(?:[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]{1,2})|\n+|[ \t]+/g) ?? [];
  const out = [];
  for (const p of raw) {
    const m = /^([ \t]*)([A-Za-z]{7,})$/.exec(p);
    if (!m) {
      out.push(p);
      continue;
    }
    const word = m[2];
    out.push(m[1] + word.slice(0, 4));
    for (let i = 4; i < word.length; i += 4) out.push(word.slice(i, i + 4));
  }
  if (out.join("") !== text) throw new Error("tokenPieces: pieces do not join back to the text");
  return out;
}

/** A deterministic markdown answer of about `tokens` token-like pieces. */
export function longMarkdown(tokens, seed = 42) {
  const rand = rng(seed);
  let text = "# A long answer\n\nThis answer is generated for the streaming benchmark.\n\n";
  let count = tokenPieces(text).length;
  for (let k = 0; count < tokens; k++) {
    const s = markdownSection(rand, k);
    text += s;
    count += tokenPieces(s).length;
  }
  const pieces = tokenPieces(text);
  return { text, pieces };
}
