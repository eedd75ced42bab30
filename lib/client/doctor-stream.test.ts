import { describe, expect, it, vi } from "vitest";
import { probeStream } from "./doctor-stream";
import type { NetworkProbe } from "./network-failure";

const SPEC = { url: "/api/openai/v1/chat/completions", headers: { "Content-Type": "application/json" } };
const chunk = (content: string, model = "gpt-4o-mini-2024-07-18") =>
  `data: ${JSON.stringify({ model, system_fingerprint: "fp_1", choices: [{ index: 0, delta: { content }, finish_reason: null }], usage: null })}\n\n`;
const usage = `data: ${JSON.stringify({ model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 24, completion_tokens: 30 } })}\n\n`;
const done = "data: [DONE]\n\n";
const pieces = Array.from({ length: 12 }, (_, i) => chunk(` ${i + 1}`));

/** A fetch answering an SSE body, one network read per string in `reads`. */
function sseFetch(reads: string[], headers: Record<string, string> = { "content-type": "text/event-stream" }) {
  return vi.fn(async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const r of reads) c.enqueue(new TextEncoder().encode(r));
        c.close();
      },
    });
    return new Response(body, { status: 200, headers });
  }) as unknown as typeof fetch;
}

const online: NetworkProbe = { onLine: () => true, reachable: async () => false };

describe("probeStream", () => {
  it("records each network read and the pieces it carried, the answering model, and the upstream's usage for the ledger", async () => {
    const fetchImpl = sseFetch([...pieces, usage + done]);
    const r = await probeStream(SPEC, "server", "gpt-4o-mini", online, fetchImpl);
    expect(r.observation.reads.map((x) => x.events)).toEqual(Array(12).fill(1));
    expect(r.observation.sawDone).toBe(true);
    expect(r.source).toEqual({ via: "stream", model: "gpt-4o-mini-2024-07-18", fingerprint: "fp_1" });
    expect(r.billed).toMatchObject({ purpose: "stream", model: "gpt-4o-mini", answeredBy: "gpt-4o-mini-2024-07-18", promptTokens: 24, completionTokens: 30, estimated: false, status: "done" });
    const body = JSON.parse((fetchImpl as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0][1].body as string);
    expect(body).toMatchObject({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true }, max_tokens: 120 });
  });

  it("sees a buffered stream as one read carrying every piece", async () => {
    const r = await probeStream(SPEC, "server", "gpt-4o-mini", online, sseFetch([pieces.join("") + done]));
    expect(r.observation.reads).toHaveLength(1);
    expect(r.observation.reads[0].events).toBe(12);
  });

  it("reads a relay's one-piece JSON answer as not streamed", async () => {
    const json = JSON.stringify({ model: "gpt-4o-mini", choices: [{ message: { content: "1 2 3" }, finish_reason: "stop" }], usage: { prompt_tokens: 20, completion_tokens: 5 } });
    const r = await probeStream(SPEC, "direct", "gpt-4o-mini", online, sseFetch([json], { "content-type": "application/json" }));
    expect(r.observation.unstreamed).toBe(true);
    expect(r.billed).toMatchObject({ promptTokens: 20, completionTokens: 5, estimated: false });
  });

  it("turns an HTML error page into the project's error, and bills nothing", async () => {
    const page = vi.fn(async () => new Response("<html><head><title>502 Bad Gateway</title></head></html>", { status: 502, headers: { "content-type": "text/html" } })) as unknown as typeof fetch;
    const r = await probeStream(SPEC, "server", "gpt-4o-mini", online, page);
    expect(r.observation.error).toMatchObject({ code: "upstream_html", status: 502 });
    expect(r.billed).toBeUndefined();
  });

  it("tells a browser's bare TypeError apart only as far as it can (own key: CORS)", async () => {
    const refused = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const cors: NetworkProbe = { onLine: () => true, reachable: async () => true };
    const r = await probeStream({ url: "https://relay.example/v1/chat/completions", headers: {} }, "direct", "gpt-4o-mini", cors, refused);
    expect(r.observation.error?.code).toBe("direct_cors");
  });
});

describe("probeStream on a busy page", () => {
  it("marks a read that came after the page's thread was blocked as late", async () => {
    // The body's second half waits behind 120 ms of busy work on the page's thread.
    const fetchImpl = vi.fn(async () => {
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          c.enqueue(new TextEncoder().encode(pieces.slice(0, 6).join("")));
          await new Promise((r) => setTimeout(r, 30));
          const until = performance.now() + 120;
          while (performance.now() < until) {
            /* busy */
          }
          c.enqueue(new TextEncoder().encode(pieces.slice(6).join("") + done));
          c.close();
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    }) as unknown as typeof fetch;
    const r = await probeStream(SPEC, "server", "gpt-4o-mini", online, fetchImpl);
    expect(r.observation.reads.map((x) => x.events)).toEqual([6, 6]);
    // (Whether the first read counts as late depends on the machine; the blocked second one always does.)
    expect(r.observation.reads[1].late).toBe(true);
  });
});
