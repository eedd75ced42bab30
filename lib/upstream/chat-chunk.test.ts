import { describe, expect, it } from "vitest";
import { createStreamAccumulator, extractRequestId, mapRelayError, parseChatChunk, type ChatChunk } from "./chat-chunk";

const delta = (d: object, extra: object = {}) =>
  JSON.stringify({ id: "x", object: "chat.completion.chunk", choices: [{ index: 0, delta: d, finish_reason: null }], usage: null, ...extra });
const c = (content: string, reasoning = ""): ChatChunk => ({ content, reasoning });

function asChunk(data: string): ChatChunk {
  const r = parseChatChunk(data);
  if (!r || "done" in r) throw new Error(`not a chunk: ${data}`);
  return r;
}

describe("parseChatChunk", () => {
  it("reads content deltas and recognises [DONE]", () => {
    expect(asChunk(delta({ role: "assistant", content: "" }))).toEqual({ content: "", reasoning: "" });
    expect(asChunk(delta({ content: "Hi" })).content).toBe("Hi");
    expect(parseChatChunk("[DONE]")).toEqual({ done: true });
    expect(parseChatChunk(" [DONE] ")).toEqual({ done: true });
  });

  it("returns null for non-JSON junk and non-object JSON", () => {
    expect(parseChatChunk("<html>502 Bad Gateway</html>")).toBeNull();
    expect(parseChatChunk('{"choices":[{"delta":{"content":"Hi')).toBeNull();
    expect(parseChatChunk("42")).toBeNull();
    expect(parseChatChunk("null")).toBeNull();
  });

  it("does not crash on the usage chunk (choices: [])", () => {
    const r = asChunk(JSON.stringify({ id: "x", choices: [], usage: { prompt_tokens: 12, completion_tokens: 34, total_tokens: 46 } }));
    expect(r).toEqual({ content: "", reasoning: "", usage: { prompt_tokens: 12, completion_tokens: 34 } });
  });

  it("does not crash on Azure's first chunk (choices: [] + prompt_filter_results)", () => {
    const r = asChunk(JSON.stringify({ id: "", choices: [], created: 0, model: "", prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }] }));
    expect(r).toEqual({ content: "", reasoning: "" });
  });

  it("ignores usage: null", () => {
    expect(asChunk(delta({ content: "a" })).usage).toBeUndefined();
  });

  it("counts new-api's duplicated reasoning once, preferring reasoning_content", () => {
    expect(asChunk(delta({ reasoning_content: "think", reasoning: "think" })).reasoning).toBe("think");
    expect(asChunk(delta({ reasoning_content: "A", reasoning: "B" })).reasoning).toBe("A");
    expect(asChunk(delta({ reasoning: "only" })).reasoning).toBe("only");
    expect(asChunk(delta({ reasoning_content: null, reasoning: "r" })).reasoning).toBe("r");
  });

  it("reads finish_reason", () => {
    const r = asChunk(JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "length" }] }));
    expect(r.finishReason).toBe("length");
  });

  it("reads the answering model and system_fingerprint; Azure's empty model is no model", () => {
    const r = asChunk(delta({ content: "Hi" }, { model: "gpt-4o-2024-08-06", system_fingerprint: "fp_abc" }));
    expect(r).toMatchObject({ model: "gpt-4o-2024-08-06", systemFingerprint: "fp_abc" });
    expect(asChunk(delta({ content: "Hi" }, { model: "", system_fingerprint: null }))).toEqual({ content: "Hi", reasoning: "" });
  });

  it("the accumulator keeps the first model and fingerprint the stream names", () => {
    const acc = createStreamAccumulator();
    acc.push({ content: "", reasoning: "" });
    acc.push({ content: "a", reasoning: "", model: "gpt-4o-2024-08-06", systemFingerprint: "fp_1" });
    acc.push({ content: "b", reasoning: "", model: "other", systemFingerprint: "fp_2" });
    acc.end();
    expect(acc.snapshot()).toMatchObject({ content: "ab", model: "gpt-4o-2024-08-06", systemFingerprint: "fp_1" });
    expect(createStreamAccumulator().snapshot()).toEqual({ content: "", reasoning: "" });
  });

  it("passes our own ErrorInfo through unchanged", () => {
    const info = { code: "upstream_timeout", status: 504, message: "Idle timeout", requestId: "r1" };
    expect(asChunk(JSON.stringify({ error: info })).error).toEqual(info);
  });

  it("maps relay error events", () => {
    const quota = asChunk(JSON.stringify({ error: { message: "user quota is not enough (request id: 2025A)", type: "one_api_error", code: "insufficient_user_quota" } }));
    expect(quota.error).toMatchObject({ code: "upstream_quota", requestId: "2025A", upstreamMessage: "user quota is not enough (request id: 2025A)" });
    expect(mapRelayError({ message: "该令牌额度已用尽 (request id: X1)", type: "one_api_error" })).toMatchObject({ code: "upstream_token_quota", status: 401 });
    expect(mapRelayError({ message: "该令牌已过期" }).code).toBe("upstream_key_expired");
    expect(mapRelayError({ message: "该令牌状态不可用" }).code).toBe("upstream_key_disabled");
    expect(mapRelayError({ message: "未提供令牌" }).code).toBe("upstream_key_missing");
    expect(mapRelayError({ message: "无效的令牌 (request id: X2)" })).toMatchObject({ code: "upstream_auth", status: 401 });
    expect(mapRelayError({ message: "Rate limit reached. Check your plan and billing details.", code: "rate_limit_exceeded" }).code).toBe("upstream_rate_limited");
    expect(mapRelayError({ message: "当前分组上游负载已饱和，请稍后再试" }).code).toBe("upstream_overloaded");
    expect(mapRelayError({ message: "当前分组 default 下对于模型 gpt-4O 无可用渠道" }).code).toBe("model_not_found");
    expect(mapRelayError({ code: "context_length_exceeded", message: "This model's maximum context length is 8192 tokens." }).code).toBe("context_too_long");
    expect(mapRelayError("something broke")).toMatchObject({ code: "upstream_server", status: 502, upstreamMessage: "something broke" });
    expect(mapRelayError({ code: "bad_response_status_code", type: "upstream_error", param: "404", message: "bad response status code 404 (request id: A) (request id: B)" }))
      .toMatchObject({ code: "upstream_not_found", status: 404, requestId: "B" });
  });

  it("extracts the outermost relay's request id", () => {
    expect(extractRequestId("x (request id: A1) (request id: B2)")).toBe("B2");
    expect(extractRequestId("no id here")).toBeUndefined();
  });
});

describe("createStreamAccumulator", () => {
  it("folds content, reasoning, finish reason and usage", () => {
    const acc = createStreamAccumulator();
    for (const d of [
      delta({ role: "assistant", content: "" }),
      delta({ reasoning_content: "hmm", reasoning: "hmm" }),
      delta({ content: "Hello" }),
      delta({ content: " world" }),
      JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
      JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 3 } }),
    ]) acc.push(asChunk(d));
    acc.end();
    expect(acc.snapshot()).toEqual({
      content: "Hello world",
      reasoning: "hmm",
      reasoningMs: expect.any(Number),
      finishReason: "stop",
      usage: { prompt_tokens: 5, completion_tokens: 3 },
    });
  });

  it("measures reasoning time from first reasoning text to first content text", () => {
    let t = 1000;
    const acc = createStreamAccumulator({ now: () => t });
    acc.push(c("", ""));
    t = 2000;
    acc.push(c("", "a"));
    t = 3500;
    acc.push(c("", "b"));
    t = 4200;
    acc.push(c("answer"));
    t = 9000;
    acc.push(c(" more"));
    acc.end();
    expect(acc.reasoningMs).toBe(2200);
  });

  it("drops the blank lines a model writes between native reasoning and the answer", () => {
    const acc = createStreamAccumulator();
    acc.push(c("", "thinking"));
    acc.push(c("\n\n"));
    acc.push(c("Answer\n\nmore"));
    acc.end();
    expect(acc.content).toBe("Answer\n\nmore");
    const plain = createStreamAccumulator();
    plain.push(c("\n\nAnswer"));
    plain.end();
    expect(plain.content).toBe("\n\nAnswer");
  });

  it("has no reasoning time when there was no reasoning", () => {
    const acc = createStreamAccumulator();
    acc.push(c("plain"));
    acc.end();
    expect(acc.reasoningMs).toBeUndefined();
  });

  const THINK_STREAM = "  <think>step 1, then </ step 2</think>\n\nThe answer is <b>42</b>.";

  it("splits a leading <think> block split at every position (two chunks)", () => {
    for (let i = 0; i <= THINK_STREAM.length; i++) {
      const acc = createStreamAccumulator();
      acc.push(c(THINK_STREAM.slice(0, i)));
      acc.push(c(THINK_STREAM.slice(i)));
      acc.end();
      expect({ i, content: acc.content, reasoning: acc.reasoning }).toEqual({
        i,
        content: "The answer is <b>42</b>.",
        reasoning: "step 1, then </ step 2",
      });
    }
  });

  it("splits a <think> block streamed one character at a time, with timing", () => {
    let t = 0;
    const acc = createStreamAccumulator({ now: () => t });
    for (const ch of THINK_STREAM) {
      t += 10;
      acc.push(c(ch));
    }
    acc.end();
    expect(acc.reasoning).toBe("step 1, then </ step 2");
    expect(acc.content).toBe("The answer is <b>42</b>.");
    // First reasoning char "s" is char 10 (t=100), first answer char "T" is char 43 (t=430).
    expect(acc.reasoningMs).toBe(THINK_STREAM.indexOf("T") * 10 - THINK_STREAM.indexOf("s") * 10);
  });

  it("does not hold ordinary content that starts with '<' once it cannot be <think>", () => {
    const acc = createStreamAccumulator();
    acc.push(c("<"));
    expect(acc.content).toBe("");
    acc.push(c("div"));
    expect(acc.content).toBe("<div");
    const acc2 = createStreamAccumulator();
    acc2.push(c("<th"));
    expect(acc2.content).toBe("");
    acc2.push(c("ead>"));
    expect(acc2.content).toBe("<thead>");
  });

  it("only treats a LEADING <think> as reasoning", () => {
    const acc = createStreamAccumulator();
    acc.push(c("Use <think>tags</think> like this"));
    acc.end();
    expect(acc.content).toBe("Use <think>tags</think> like this");
    expect(acc.reasoning).toBe("");
  });

  it("releases a held prefix at end()", () => {
    const acc = createStreamAccumulator();
    acc.push(c("<thi"));
    expect(acc.content).toBe("");
    acc.end();
    expect(acc.content).toBe("<thi");
  });

  it("keeps reasoning of a stream cut inside the think block", () => {
    let t = 0;
    const acc = createStreamAccumulator({ now: () => t });
    acc.push(c("<think>half a tho"));
    t = 500;
    acc.push(c("ught</th"));
    acc.end();
    expect(acc.reasoning).toBe("half a thought</th");
    expect(acc.content).toBe("");
    expect(acc.reasoningMs).toBe(500);
  });

  it("shows reasoning streamed inside <think> progressively, holding only a possible close tag", () => {
    const acc = createStreamAccumulator();
    acc.push(c("<think>abc</"));
    expect(acc.reasoning).toBe("abc");
    acc.push(c("x"));
    expect(acc.reasoning).toBe("abc</x");
  });

  it("keeps an error event and the text before it", () => {
    const acc = createStreamAccumulator();
    acc.push(asChunk(delta({ content: "partial" })));
    acc.push(asChunk(JSON.stringify({ error: { message: "upstream idle timeout", type: "new_api_error" } })));
    acc.end();
    expect(acc.content).toBe("partial");
    expect(acc.error?.code).toBe("upstream_timeout");
    expect(acc.snapshot().error).toBe(acc.error);
  });
});
