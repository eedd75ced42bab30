import { describe, expect, it } from "vitest";
import { chatRequestBody, messagesByteBudget } from "./chat-request";
import { messageBytes } from "./request-bytes";
import { toWireMessages } from "./content-parts";
import type { ApiMessage, ChatParams } from "../types";

const params: ChatParams = { model: "gpt-4o", temperature: 0.7, top_p: 1, max_tokens: 4096, presence_penalty: 0, frequency_penalty: 0, historyCount: 8, systemPrompt: "" };

describe("messagesByteBudget", () => {
  it("a request whose messages use exactly the budget is exactly the limit", () => {
    const messages: ApiMessage[] = [
      { role: "user", content: "see", images: [{ id: "a", mime: "image/png", width: 1, height: 1, bytes: 999 }] },
      { role: "assistant", content: "a picture, 你好" },
    ];
    const used = messages.reduce((n, m) => n + messageBytes(m), 0);
    const wire = toWireMessages(messages, (r) => `data:${r.mime};base64,${Buffer.alloc(r.bytes ?? 0).toString("base64")}`);
    const size = Buffer.byteLength(JSON.stringify(chatRequestBody(params, wire)));
    // The limit that makes `used` the whole budget:
    const limit = size;
    expect(messagesByteBudget(params, limit)).toBe(used);
  });
});
