/**
 * The classes of a rendered code block (components/chat/code-block.tsx), shared with the HTML of a
 * block being streamed (lib/markdown/live-html.ts) so both look the same and a block that closes
 * does not move.
 */
export const CODE_BLOCK_CLASSES = {
  frame: "group relative my-3 overflow-hidden rounded-lg bg-[#0d1117] text-zinc-100",
  bar: "flex justify-end border-b border-white/10 px-2 py-1",
  button: "inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs",
  pre: "overflow-x-auto p-3 text-[13px] leading-relaxed",
} as const;
