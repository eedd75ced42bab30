import { describe, expect, it } from "vitest";
import { answeringModel, finishNotice, formatDuration, joinTimings } from "./answer-info";
import type { ChatMessage } from "../types";

const answer = (over: Partial<ChatMessage>): Pick<ChatMessage, "role" | "status" | "content" | "finishReason"> => ({
  role: "assistant",
  status: "done",
  content: "Some text.",
  finishReason: "stop",
  ...over,
});

describe("finishNotice", () => {
  it("says nothing about an ordinary answer", () => {
    expect(finishNotice(answer({}))).toBeNull();
    expect(finishNotice(answer({ finishReason: undefined }))).toBeNull();
    expect(finishNotice(answer({ finishReason: "end_turn" }))).toBeNull();
    expect(finishNotice(answer({ finishReason: "STOP" }))).toBeNull();
  });

  it("explains length, content_filter and tool calls, with or without text", () => {
    expect(finishNotice(answer({ finishReason: "length" }))).toEqual({ reason: "length", raw: "length" });
    expect(finishNotice(answer({ finishReason: "content_filter", content: "" }))).toEqual({ reason: "content_filter", raw: "content_filter" });
    expect(finishNotice(answer({ finishReason: "content_filter", content: "Partial" }))?.reason).toBe("content_filter");
    expect(finishNotice(answer({ finishReason: "SAFETY" }))?.reason).toBe("content_filter");
    expect(finishNotice(answer({ finishReason: "sensitive" }))?.reason).toBe("content_filter");
    expect(finishNotice(answer({ finishReason: "tool_calls", content: "" }))?.reason).toBe("tool_calls");
    expect(finishNotice(answer({ finishReason: "function_call", content: "" }))?.reason).toBe("tool_calls");
  });

  it("names an answer that ended with no text at all (a relay's bare [DONE])", () => {
    expect(finishNotice(answer({ content: "", finishReason: undefined }))).toEqual({ reason: "empty" });
    expect(finishNotice(answer({ content: "  \n", finishReason: "stop" }))).toEqual({ reason: "empty", raw: "stop" });
  });

  it("passes an unknown finish_reason on as 'other'", () => {
    expect(finishNotice(answer({ finishReason: "insufficient_system_resource" }))).toEqual({ reason: "other", raw: "insufficient_system_resource" });
  });

  it("leaves interrupted, failed, streaming and user messages alone", () => {
    expect(finishNotice(answer({ status: "interrupted", content: "" }))).toBeNull();
    expect(finishNotice(answer({ status: "error", content: "" }))).toBeNull();
    expect(finishNotice(answer({ status: "streaming", content: "" }))).toBeNull();
    expect(finishNotice(answer({ role: "user", content: "" }))).toBeNull();
  });
});

describe("answeringModel", () => {
  it("names one model when the answer names the one asked for, or none", () => {
    expect(answeringModel("gpt-4o", "gpt-4o")).toEqual({ shown: "gpt-4o" });
    expect(answeringModel("gpt-4o", undefined)).toEqual({ shown: "gpt-4o" });
    expect(answeringModel("gpt-4o", "")).toEqual({ shown: "gpt-4o" });
    expect(answeringModel(undefined, "gpt-4o")).toEqual({ shown: "gpt-4o" });
  });

  it("names both when a relay answered with another model", () => {
    expect(answeringModel("gpt-4o", "gpt-4o-2024-08-06")).toEqual({ shown: "gpt-4o-2024-08-06", asked: "gpt-4o" });
    expect(answeringModel("GPT-4o", "gpt-4o")).toEqual({ shown: "gpt-4o", asked: "GPT-4o" });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850.4, "850 ms"],
    [1000, "1.0 s"],
    [3240, "3.2 s"],
    [12_400, "12 s"],
    [60_000, "1 min"],
    [125_000, "2 min 5 s"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("gives nothing for nonsense", () => {
    expect(formatDuration(Number.NaN)).toBe("");
    expect(formatDuration(-1)).toBe("");
  });
});

describe("joinTimings", () => {
  it("keeps the first run's first token and adds the durations of a Continue", () => {
    expect(joinTimings(undefined, { ttftMs: 100, durationMs: 900 })).toEqual({ ttftMs: 100, durationMs: 900 });
    expect(joinTimings({ ttftMs: 300, durationMs: 2000 }, { ttftMs: 100, durationMs: 900 })).toEqual({ ttftMs: 300, durationMs: 2900 });
    // A message from before timings were recorded: only the new run is known.
    expect(joinTimings({}, { ttftMs: 100, durationMs: 900 })).toEqual({ ttftMs: 100, durationMs: 900 });
  });
});
