/** Counts a whole prompt with whatever tokenizer is loaded for the model (exact or rough). */
import type { ApiMessage } from "@/lib/types";
import { countMessage } from "./tokenizer";

export function countPromptTokensRough(model: string, messages: ApiMessage[]): number {
  // 3 tokens prime the reply, as in OpenAI's counting recipe (lib/tokens countPromptTokens).
  return messages.reduce((sum, m) => sum + countMessage(model, m).tokens, 3);
}
