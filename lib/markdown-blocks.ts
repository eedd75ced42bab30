/**
 * Splits markdown into top-level blocks so a streaming answer re-renders only its last block:
 * earlier blocks are finished and their rendered output can be memoised by text.
 * A blank line ends a block, except inside a fenced code block or a $$ math block, or when the
 * next line is indented (a list item's continuation belongs to the same list).
 */

export interface MarkdownBlock {
  text: string;
  /** Offset of the block's first character in the markdown it was split from. */
  start: number;
  /** The block is an open code fence or math block, still being written. */
  open: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function splitMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split("\n");
  const blocks: MarkdownBlock[] = [];
  let current: string[] = [];
  let currentStart = 0;
  let offset = 0;
  let fence: string | null = null;
  let inMath = false;

  const pushCurrent = () => {
    if (current.some((l) => l.trim() !== "")) blocks.push({ text: current.join("\n"), start: currentStart, open: false });
    current = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineStart = offset;
    offset += line.length + 1;
    if (current.length === 0) currentStart = lineStart;
    if (fence) {
      current.push(line);
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (inMath) {
      current.push(line);
      if (line.trim().endsWith("$$")) inMath = false;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      current.push(line);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith("$$") && !(trimmed.length > 2 && trimmed.endsWith("$$"))) {
      inMath = true;
      current.push(line);
      continue;
    }
    if (trimmed === "") {
      const next = lines.slice(i + 1).find((l) => l.trim() !== "");
      if (next !== undefined && /^\s/.test(next)) {
        current.push(line);
        continue;
      }
      pushCurrent();
      continue;
    }
    current.push(line);
  }
  if (current.some((l) => l.trim() !== "")) blocks.push({ text: current.join("\n"), start: currentStart, open: fence !== null || inMath });
  return blocks;
}

export interface SplitMarkdown {
  markdown: string;
  blocks: MarkdownBlock[];
}

/**
 * The same split for text that grew at the end (a streamed answer): the last two blocks are split
 * again from where the second-to-last began (a look-ahead rule can still join those two), the
 * rest is kept as it was. Any other change falls back to a full split.
 */
export function extendMarkdownBlocks(previous: SplitMarkdown | null, markdown: string): SplitMarkdown {
  const prev = previous?.blocks;
  if (!previous || !prev || prev.length < 3 || !markdown.startsWith(previous.markdown)) {
    return { markdown, blocks: splitMarkdownBlocks(markdown) };
  }
  const from = prev[prev.length - 2].start;
  const tail = splitMarkdownBlocks(markdown.slice(from)).map((b) => ({ ...b, start: b.start + from }));
  return { markdown, blocks: prev.slice(0, -2).concat(tail) };
}
