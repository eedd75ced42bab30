/**
 * What a doctor run may bill, said before it starts: each billed call with its prompt tokens
 * (estimated) and the most it may answer. The page prices it with the model's price.
 */
import { REPLY_PRIMING_TOKENS, roughTokenCount, TOKENS_PER_MESSAGE } from "../../tokens";
import { IDENTITY_PROBES, MODEL_CHECK_PROMPT, PROBE_MAX_TOKENS, STREAM_MAX_TOKENS, STREAM_PROMPT } from "./probes";

export interface PlannedCall {
  purpose: "model" | "stream" | "identity";
  promptTokens: number;
  /** The call's max_tokens: what it may bill at most. */
  maxCompletionTokens: number;
}

const promptOf = (text: string) => roughTokenCount(text) + TOKENS_PER_MESSAGE + REPLY_PRIMING_TOKENS;

export function doctorPlan(options: { identity: boolean }): PlannedCall[] {
  const calls: PlannedCall[] = [
    { purpose: "model", promptTokens: promptOf(MODEL_CHECK_PROMPT), maxCompletionTokens: 1 },
    { purpose: "stream", promptTokens: promptOf(STREAM_PROMPT), maxCompletionTokens: STREAM_MAX_TOKENS },
  ];
  if (options.identity) {
    for (const p of IDENTITY_PROBES) calls.push({ purpose: "identity", promptTokens: promptOf(p.question), maxCompletionTokens: PROBE_MAX_TOKENS });
  }
  return calls;
}

/** The plan's upper bound as one usage figure. */
export function planUsage(plan: readonly PlannedCall[]): { calls: number; promptTokens: number; completionTokens: number } {
  return plan.reduce((t, c) => ({ calls: t.calls + 1, promptTokens: t.promptTokens + c.promptTokens, completionTokens: t.completionTokens + c.maxCompletionTokens }), { calls: 0, promptTokens: 0, completionTokens: 0 });
}
