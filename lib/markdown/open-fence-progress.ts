/**
 * In the markdown worker, with each update of a block being streamed: when it is an open code
 * fence, the complete lines of its code are highlighted ahead (lib/markdown/code-progress.ts), so
 * the highlighting when it closes covers only the lines after them.
 */
import { toText } from "hast-util-to-text";
import type { Element } from "hast";
import { openFenceHast } from "./pipeline-core";
import { languageOf, lowlight } from "./rehype-code-highlight";
import { advanceCode } from "./code-progress";

export function advanceOpenFence(markdown: string): void {
  // Complete lines only: the last one may still grow.
  const complete = markdown.slice(0, markdown.lastIndexOf("\n") + 1);
  const tree = complete ? openFenceHast(complete) : null;
  const code = (tree?.children[0] as Element | undefined)?.children[0] as Element | undefined;
  if (!code) return;
  const lang = languageOf(code);
  if (!lang || lang === "text" || lang === "plaintext" || !lowlight().registered(lang)) return;
  advanceCode(lowlight(), lang, toText(code, { whitespace: "pre" }));
}
