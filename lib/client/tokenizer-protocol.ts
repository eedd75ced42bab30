/** Messages between the page and the tokenizer worker (lib/client/tokenizer.worker.ts). */
import type { EncodingName } from "@/lib/tokens";

export type TokenizerRequest =
  /** Load (decode) the rank tables of an encoding; answered once they are ready. */
  | { id: number; type: "load"; encoding: EncodingName }
  /** Count each text. `urgent` jobs (the draft, a send) go ahead of background history counts. */
  | { id: number; type: "count"; encoding: EncodingName; texts: string[]; urgent: boolean };

export type TokenizerResponse = { id: number; ok: true; counts?: number[] } | { id: number; ok: false; error: string };
