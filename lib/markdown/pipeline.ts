/**
 * Markdown → hast for the chat renderer, KaTeX included (lib/markdown/pipeline-core.ts has the
 * rest; it is what the markdown worker runs, without KaTeX's weight).
 */
import { VFile } from "vfile";
import rehypeKatex from "rehype-katex";
import type { Root } from "hast";
import { base, highlightedFenceHast, highlightedHast, liveHast, sanitise } from "./pipeline-core";
import { rehypeCodeHighlight } from "./rehype-code-highlight";

export { fenceHast, safeUrl, liveHast, highlightedHast, hasMath } from "./pipeline-core";

let mathProcessor: ReturnType<typeof withMath> | null = null;
const withMath = () => base().use(rehypeKatex).use(rehypeCodeHighlight);

/**
 * The hast of one markdown block. `finished`: with KaTeX and code highlighting (a block still being
 * streamed gets neither: both run once, when it is done).
 */
export function markdownToHast(markdown: string, finished: boolean): Root {
  if (!finished) return liveHast(markdown);
  const fence = highlightedFenceHast(markdown);
  if (fence) return fence;
  // Without a "$" there is no math (remark-math's only marker): KaTeX's processor is not needed.
  if (!markdown.includes("$")) return highlightedHast(markdown)!;
  const processor = (mathProcessor ??= withMath().freeze());
  const file = new VFile(markdown);
  return sanitise(processor.runSync(processor.parse(file), file) as Root);
}
