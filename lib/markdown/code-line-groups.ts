/**
 * A long highlighted code block is put into the page in groups of lines, each group a block that
 * the browser skips (no layout, no paint) while it is off screen (app/globals.css,
 * `.code-lines-skippable`: content-visibility: auto, its height given as GROUP_LINES lines). An
 * answer ending in a 1,000-line block then lays out and paints the few groups on screen when it is
 * shown done, not all of them. Selection, find in page and the copy button still see every line.
 */

/** Lines in a group. */
export const GROUP_LINES = 64;
/** Blocks with fewer lines are left as they are: they are laid out fast enough whole. */
export const GROUP_FROM_LINES = 2 * GROUP_LINES;

const TOKEN = /(<span[^>]*>)|(<\/span>)|([^<]+)/g;

/**
 * Splits highlight.js markup (spans with a class around escaped text, as toHtml writes it) into
 * groups of GROUP_LINES lines. A span open across a group's end is closed there and opened again in
 * the next group, so every group is well formed and each character keeps its classes. Each group
 * keeps its last line ending: a block's trailing line break adds no line, and the text stays whole.
 */
export function groupCodeLines(html: string): string {
  let lines = 0;
  for (let i = html.indexOf("\n"); i !== -1; i = html.indexOf("\n", i + 1)) lines++;
  if (lines < GROUP_FROM_LINES) return html;
  const groups: string[] = [];
  const open: string[] = [];
  let current = "";
  let inGroup = 0;
  for (const m of html.matchAll(TOKEN)) {
    if (m[1]) {
      open.push(m[1]);
      current += m[1];
    } else if (m[2]) {
      open.pop();
      current += m[2];
    } else {
      const parts = m[3].split("\n");
      for (let i = 0; i < parts.length; i++) {
        current += parts[i];
        if (i === parts.length - 1) break;
        current += "\n";
        if (++inGroup < GROUP_LINES) continue;
        groups.push(current + "</span>".repeat(open.length));
        current = open.join("");
        inGroup = 0;
      }
    }
  }
  // After the last full group: the rest of the lines, unless only tags are left (spans reopened and closed).
  const rest = current.replace(/<\/?span[^>]*>/g, "") === "" ? [] : [`<span class="code-lines">${current}</span>`];
  return groups.map((group) => `<span class="code-lines code-lines-skippable">${group}</span>`).concat(rest).join("");
}
