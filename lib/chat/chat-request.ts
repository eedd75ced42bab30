/**
 * The chat completion request body, and how much of the byte budget its messages may take.
 */
import { envelopeBytes } from "./request-bytes";
import type { ChatParams, WireMessage } from "../types";

export function chatRequestBody(params: ChatParams, messages: WireMessage[]) {
  return {
    model: params.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    temperature: params.temperature,
    top_p: params.top_p,
    max_tokens: params.max_tokens,
    presence_penalty: params.presence_penalty,
    frequency_penalty: params.frequency_penalty,
  };
}

/** Bytes the `messages` of a request with these parameters may take within `maxRequestBytes`. */
export function messagesByteBudget(params: ChatParams, maxRequestBytes: number): number {
  const { messages: _messages, ...envelope } = chatRequestBody(params, []);
  // +1: the budget counts a comma after every message, the body has none after the last.
  return maxRequestBytes - envelopeBytes(envelope) + 1;
}
