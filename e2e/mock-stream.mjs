// Builds the mock's answers: the text, its chunks, the OpenAI-shaped SSE events, a JSON completion,
// and deterministic usage. Used by mock-upstream.mjs.

/** Text of a message's content (a string or an array of {type:"text", text} parts). */
export function contentText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p.text === "string" ? p.text : "")).join("");
  return "";
}

export function lastUserText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return contentText(messages[i].content);
  return "";
}

/** A title request: a system prompt about titles, or a user turn asking for one. */
export function isTitleRequest(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  if (messages.some((m) => m?.role === "system" && /\btitle\b|标题/i.test(contentText(m.content)))) return true;
  return /(generate|create|give|write|summari[sz]e)\b.{0,40}\btitle\b|标题/i.test(lastUserText(body));
}

/** Tokens the mock bills per image_url part: a plausible flat figure, not OpenAI's tile formula. */
export const MOCK_IMAGE_TOKENS = 255;

/** Deterministic, plausible prompt size: about four characters per token, plus each image. */
export function promptTokens(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const chars = messages.reduce((n, m) => n + contentText(m?.content).length + 4, 0);
  const images = messages.reduce((n, m) => n + (Array.isArray(m?.content) ? m.content.filter((p) => p?.type === "image_url").length : 0), 0);
  return Math.max(1, Math.ceil(chars / 4)) + images * MOCK_IMAGE_TOKENS;
}

function titleText(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const source = messages.find((m) => m?.role === "user" && !/\btitle\b|标题/i.test(contentText(m.content)));
  const words = contentText(source?.content ?? "")
    .replace(/mock:\S+/g, "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4);
  return words.length ? `About ${words.join(" ").replace(/[.,!?;:]+$/, "")}` : "Mock conversation";
}

function defaultText(question, long) {
  const q = question.replace(/mock:\S+/g, "").trim().slice(0, 120) || "(nothing)";
  const parts = [
    `You asked: "${q}".`,
    "",
    "This is a mock answer from the **RelayChat mock upstream**. It arrives in small chunks, so you can watch it being written.",
    "",
    "- It repeats your question.",
    "- It has a short list and a code block.",
    "",
    "```js",
    "function greet(name) {",
    "  return `Hello, ${name}!`;",
    "}",
    "```",
    "",
    "That is all for now.",
  ];
  if (long) {
    for (let i = 1; i <= 12; i++) parts.push("", `Paragraph ${i}: a longer answer keeps streaming for a while so that Stop, scrolling and rendering can be exercised.`);
  }
  return parts.join("\n");
}

/** Splits text into `count` pieces (by code point), or into word-sized pieces of about two words. */
export function splitText(text, count) {
  const chars = Array.from(text);
  if (count && count > 0) {
    const out = [];
    const size = Math.max(1, Math.ceil(chars.length / count));
    for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
    while (out.length < count) out.push(out.length % 2 ? " …" : " more");
    return out.slice(0, Math.max(count, 1));
  }
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const out = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(""));
  return out;
}

/**
 * The connection doctor's prompts (lib/relay/doctor/probes.ts) answered as a model would: "OK",
 * a count, and the identity questions (two right, two wrong, as a weaker model answers them), so
 * the doctor's side-by-side view has something to compare. null for any other question.
 */
export function doctorAnswer(question) {
  if (/^Reply with the single word OK/i.test(question)) return { text: "OK", chunks: ["OK"] };
  if (/^Count from 1 to 30/i.test(question)) {
    const chunks = Array.from({ length: 30 }, (_, i) => (i === 0 ? "1" : ` ${i + 1}`));
    // At a model's pace (about 16 pieces a second), so a busy test machine's scheduling delays stay
    // small beside the gaps, and a proxy that holds pieces back shows as lumps.
    return { text: chunks.join(""), chunks, chunkDelayMs: 60 };
  }
  const canned = [
    [/strawberry/i, 'The letter "r" appears 2 times in "strawberry".'],
    [/9\.11 和 9\.9/, "9.11 比 9.9 大。"],
    [/Sally has 3 brothers/i, "Sally has 1 sister."],
    [/鲁迅.*周树人/, "鲁迅和周树人是同一个人：周树人是鲁迅的本名，所以不存在谁打谁。"],
  ];
  const hit = canned.find(([re]) => re.test(question));
  return hit ? { text: hit[1], chunks: splitText(hit[1]) } : null;
}

/** Everything an answer consists of, for stream and JSON alike. */
export function planAnswer(body, scenario, seq) {
  const title = scenario.title || (!scenario.text && !scenario.contentChunks && isTitleRequest(body));
  const doctor = scenario.text || scenario.contentChunks || title ? null : doctorAnswer(lastUserText(body));
  const text = scenario.text ?? doctor?.text ?? (title ? titleText(body) : defaultText(lastUserText(body), scenario.long));
  let chunks = scenario.contentChunks ?? doctor?.chunks ?? (title ? [text] : splitText(text, scenario.chunks));
  if (scenario.finishReason === "length") chunks = chunks.slice(0, Math.max(1, Math.ceil(chunks.length / 2)));
  const model = (typeof body?.model === "string" ? body.model : "mock-model") + (scenario.modelSuffix ?? "");
  const prompt = promptTokens(body);
  const reasoningChunks = scenario.reasoning ? splitText(scenario.reasoning) : [];
  return {
    id: `chatcmpl-mock-${seq}`,
    created: Math.floor(Date.now() / 1000),
    model,
    fingerprint: scenario.fingerprint ?? "fp_mock",
    chunks,
    reasoningChunks,
    finishReason: scenario.finishReason ?? "stop",
    chunkDelayMs: doctor?.chunkDelayMs,
    usage: { prompt_tokens: prompt, completion_tokens: chunks.length + reasoningChunks.length, total_tokens: prompt + chunks.length + reasoningChunks.length },
  };
}

export function completionJson(plan) {
  const message = { role: "assistant", content: plan.chunks.join(""), refusal: null };
  if (plan.reasoningChunks.length) message.reasoning_content = plan.reasoningChunks.join("");
  return {
    id: plan.id,
    object: "chat.completion",
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: plan.usage,
    system_fingerprint: plan.fingerprint,
  };
}

/**
 * The SSE events (payload strings, without `data: ` framing) in OpenAI's order: role chunk,
 * reasoning, content, finish chunk, then a usage chunk with `choices: []` if asked for.
 */
export function streamEvents(plan, scenario, includeUsage) {
  const base = { id: plan.id, object: "chat.completion.chunk", created: plan.created, model: plan.model, system_fingerprint: plan.fingerprint };
  const chunk = (delta, finish = null) =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) });
  const events = [];
  if (scenario.azureFilter) {
    events.push(
      JSON.stringify({
        id: "",
        object: "",
        created: 0,
        model: "",
        choices: [],
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: "safe" }, self_harm: { filtered: false, severity: "safe" } } }],
      }),
    );
  }
  events.push(chunk({ role: "assistant", content: "" }));
  for (const r of plan.reasoningChunks) events.push(chunk({ content: null, reasoning_content: r, reasoning: r }));
  const content = plan.chunks.map((c) => chunk({ content: c }));
  if (scenario.toolCalls) {
    // OpenAI's shape: the call's name first, then its arguments in pieces, content null.
    content.push(chunk({ content: null, tool_calls: [{ index: 0, id: "call_mock_1", type: "function", function: { name: "get_weather", arguments: "" } }] }));
    for (const piece of ['{"city":', '"Paris"}']) content.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  }
  return { events, content, finish: chunk({}, plan.finishReason), usage: includeUsage ? JSON.stringify({ ...base, choices: [], usage: plan.usage }) : null };
}
