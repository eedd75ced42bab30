/**
 * Highlighting a long code block as it streams, so that closing it costs only its last lines.
 * highlight.js cannot resume, but where a line ends at its grammar's top level (the newline is
 * not inside any token: no open string, comment or parameter list), the text after it highlights
 * the same on its own. The markdown worker calls `advanceCode` with each update of an open code
 * block: the lines up to the last such newline are highlighted once and kept, with their HTML;
 * `highlightCode` then highlights only what follows them when the block is done.
 */
import { toHtml } from "hast-util-to-html";
import type { ElementContent, Root, Text } from "hast";

export interface Highlighter {
  highlight(language: string, value: string): Root;
}

interface Progress {
  language: string;
  /** The code highlighted so far: it ends with a newline at the grammar's top level. */
  covered: string;
  children: ElementContent[];
  html: string;
}

/** A few blocks at once at most (one streams at a time; a regeneration may follow). */
const KEEP = 4;
/** Advancing pays for itself only once there is more than this to add. */
const MIN_STEP = 512;
const progress = new Map<string, Progress>();

// Blocks are told apart by their language and how they begin; a block whose text no longer
// starts with what was covered starts over.
const keyOf = (language: string, code: string) => `${language}\u0000${code.slice(0, 80)}`;

/** Where `children` can be cut: just after the last newline in a top-level text node, or null. */
function lastTopLevelNewline(children: ElementContent[]): { index: number; offset: number } | null {
  for (let i = children.length - 1; i >= 0; i--) {
    const node = children[i];
    if (node.type !== "text") continue;
    const at = node.value.lastIndexOf("\n");
    if (at >= 0) return { index: i, offset: at + 1 };
  }
  return null;
}

/** Text length of highlighted nodes. */
function lengthOf(nodes: ElementContent[]): number {
  let n = 0;
  for (const node of nodes) n += node.type === "text" ? node.value.length : "children" in node ? lengthOf(node.children) : 0;
  return n;
}

/** Extends what is kept of a streaming block's highlighting (its complete lines only). */
export function advanceCode(hl: Highlighter, language: string, code: string): void {
  // Too short to be worth it, and too short for its key to be stable.
  if (code.length < MIN_STEP) return;
  const key = keyOf(language, code);
  let p = progress.get(key);
  if (!p || !code.startsWith(p.covered)) p = { language, covered: "", children: [], html: "" };
  progress.delete(key);
  progress.set(key, p);
  if (progress.size > KEEP) progress.delete(progress.keys().next().value!);
  const end = code.lastIndexOf("\n") + 1;
  if (end - p.covered.length < MIN_STEP) return;
  const added = hl.highlight(language, code.slice(p.covered.length, end)).children as ElementContent[];
  const cut = lastTopLevelNewline(added);
  if (!cut) return;
  const cutNode = added[cut.index] as Text;
  const kept = [...added.slice(0, cut.index), ...(cut.offset > 0 ? [{ type: "text", value: cutNode.value.slice(0, cut.offset) } as Text] : [])];
  p.children = [...p.children, ...kept];
  p.html += toHtml({ type: "root", children: kept });
  p.covered = code.slice(0, p.covered.length + lengthOf(kept));
}

/** The highlighted code and its HTML, from what was kept of it while it streamed where possible. */
export function highlightCode(hl: Highlighter, language: string, code: string): { children: ElementContent[]; html: string } {
  const p = progress.get(keyOf(language, code));
  if (!p || p.covered === "" || !code.startsWith(p.covered)) {
    const whole = hl.highlight(language, code);
    return { children: whole.children as ElementContent[], html: toHtml(whole) };
  }
  const rest = hl.highlight(language, code.slice(p.covered.length));
  return { children: [...p.children, ...(rest.children as ElementContent[])], html: p.html + toHtml(rest) };
}

/** For tests. */
export function forgetCodeProgress(): void {
  progress.clear();
}
