import { describe, expect, it } from "vitest";
import { createSseDecoder, type SseEvent } from "./sse";

const enc = new TextEncoder();

function decodeChunks(chunks: Array<Uint8Array | string>) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const d = createSseDecoder(
    (e) => events.push(e),
    (c) => comments.push(c),
  );
  for (const c of chunks) d.push(c);
  d.end();
  return { events, comments };
}

// A realistic relay stream: CRLF endings, keep-alive comments, reasoning, CJK, emoji, usage, DONE.
const chunk = (delta: object, extra: object = {}) =>
  JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta }], ...extra });
const REALISTIC =
  ": PING\r\n\r\n" +
  `data: ${chunk({ role: "assistant", content: "" })}\r\n\r\n` +
  `data: ${chunk({ reasoning_content: "先想一想…", reasoning: "先想一想…" })}\r\n\r\n` +
  ": ping\r\n" +
  `data: ${chunk({ content: "你好，世界 👋🏽 héllo" })}\r\n\r\n` +
  `event: message\r\nid: 7\r\ndata: ${chunk({ content: "line1\\nline2" })}\r\n\r\n` +
  `data: ${JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 9, completion_tokens: 12 } })}\r\n\r\n` +
  "data: [DONE]\r\n\r\n";

describe("createSseDecoder", () => {
  it("decodes a realistic stream in one piece", () => {
    const { events, comments } = decodeChunks([enc.encode(REALISTIC)]);
    expect(comments).toEqual(["PING", "ping"]);
    expect(events).toHaveLength(6);
    expect(JSON.parse(events[2].data).choices[0].delta.content).toBe("你好，世界 👋🏽 héllo");
    expect(events[3]).toMatchObject({ event: "message", id: "7" });
    expect(events[5].data).toBe("[DONE]");
  });

  it("gives identical events for a split at EVERY byte position", () => {
    const bytes = enc.encode(REALISTIC);
    const whole = decodeChunks([bytes]);
    for (let i = 0; i <= bytes.length; i++) {
      const split = decodeChunks([bytes.slice(0, i), bytes.slice(i)]);
      expect(split, `split at byte ${i}`).toEqual(whole);
    }
  });

  it("gives identical events for random multi-way splits", () => {
    const bytes = enc.encode(REALISTIC);
    const whole = decodeChunks([bytes]);
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      const parts: Uint8Array[] = [];
      let pos = 0;
      while (pos < bytes.length) {
        const len = 1 + Math.floor(rand() * 12);
        parts.push(bytes.slice(pos, pos + len));
        pos += len;
      }
      expect(decodeChunks(parts)).toEqual(whole);
    }
  });

  it("reassembles a Chinese character split across two chunks", () => {
    const bytes = enc.encode("data: 中\n\n");
    // "中" is 3 bytes starting at offset 6; split inside it.
    const { events } = decodeChunks([bytes.slice(0, 7), bytes.slice(7)]);
    expect(events).toEqual([{ data: "中" }]);
  });

  it("treats \\n, \\r\\n and bare \\r alike", () => {
    for (const nl of ["\n", "\r\n", "\r"]) {
      const { events } = decodeChunks([`data: a${nl}data: b${nl}${nl}data: c${nl}${nl}`]);
      expect(events).toEqual([{ data: "a\nb" }, { data: "c" }]);
    }
  });

  it("does not create an empty line when \\r and \\n arrive in different chunks", () => {
    // If the \n after a chunk-final \r were read as a second line ending, the event would be
    // dispatched early and "b" would become a separate event.
    const { events } = decodeChunks(["data: a\r", "\ndata: b\r\n\r\n"]);
    expect(events).toEqual([{ data: "a\nb" }]);
  });

  it("reports comments and never turns them into events", () => {
    const { events, comments } = decodeChunks([": PING\n\n:\n: keep-alive\n\ndata: x\n\n"]);
    expect(comments).toEqual(["PING", "", "keep-alive"]);
    expect(events).toEqual([{ data: "x" }]);
  });

  it("delivers the last event at end() when the stream stops without a blank line or [DONE]", () => {
    const { events } = decodeChunks(['data: {"a":1}\n\ndata: {"b":2}']);
    expect(events).toEqual([{ data: '{"a":1}' }, { data: '{"b":2}' }]);
  });

  it("follows the field rules: one optional space, no-colon lines, unknown fields", () => {
    const { events } = decodeChunks(["data:x\ndata:  y\ndata\nretry: 100\nfoo: bar\n\n"]);
    expect(events).toEqual([{ data: "x\n y\n" }]);
  });

  it("does not dispatch a block without data, and resets the event type", () => {
    const { events } = decodeChunks(["event: ping\n\ndata: z\n\n"]);
    expect(events).toEqual([{ data: "z" }]);
  });

  it("strips a leading BOM from string input", () => {
    const { events } = decodeChunks(["\uFEFFdata: a\n\n"]);
    expect(events).toEqual([{ data: "a" }]);
  });

  it("ignores pushes after end()", () => {
    const events: SseEvent[] = [];
    const d = createSseDecoder((e) => events.push(e));
    d.push("data: a\n\n");
    d.end();
    d.push("data: b\n\n");
    d.end();
    expect(events).toEqual([{ data: "a" }]);
  });
});
