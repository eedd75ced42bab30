/** Messages between the page and the markdown worker (lib/markdown/markdown.worker.ts). */
import type { Root } from "hast";

export interface MarkdownRequest {
  id: number;
  text: string;
  /** Highlight the code (a block that is done); else the plain tree of a block being streamed. */
  finished: boolean;
  /** "html": the rendered HTML of a block being streamed (lib/markdown/live-html.ts), not its tree. */
  as?: "html";
}

export type MarkdownResponse =
  /** The worker's script is running (lib/client/ready-worker.ts). */
  | { type: "ready" }
  | {
      id: number;
      /** null: the worker cannot build this one (math, which KaTeX renders in the page) or failed. */
      tree: Root | null;
      /** For an "html" request; absent when the worker failed (the page builds it then). */
      html?: string;
    };
