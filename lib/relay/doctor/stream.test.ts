import { describe, expect, it } from "vitest";
import { NGINX_STREAM_LINES, streamShape, streamStep } from "./stream";

const even = (n: number, gap: number, first = 400) => Array.from({ length: n }, (_, i) => ({ at: first + i * gap, events: 1 }));

describe("streamShape", () => {
  it("reads a token stream as spread out", () => {
    expect(streamShape({ reads: even(30, 30) })).toEqual({ events: 30, ttftMs: 400, spreadMs: 870, buffered: false, untimed: false });
  });
  it("reads everything in one network read as buffered", () => {
    expect(streamShape({ reads: [{ at: 1900, events: 45 }] })).toMatchObject({ events: 45, buffered: true, spreadMs: 0 });
  });
  it("reads a few large lumps (a proxy's buffers filling up) as buffered", () => {
    expect(streamShape({ reads: [{ at: 900, events: 16 }, { at: 1400, events: 16 }, { at: 1900, events: 13 }] }).buffered).toBe(true);
  });
  it("does not take a busy page's late reads for lumps: it says it could not time them", () => {
    const late = [6, 6, 6, 6, 6].map((events, i) => ({ at: 1200 + i * 360, events, late: true }));
    expect(streamShape({ reads: late })).toMatchObject({ buffered: false, untimed: true });
    // One late lump among timely single pieces changes nothing.
    const mixed = [...even(20, 60), { at: 1700, events: 10, late: true }];
    expect(streamShape({ reads: mixed })).toMatchObject({ buffered: false, untimed: false });
  });
  it("still sees lumps that a free page read at once", () => {
    expect(streamShape({ reads: [{ at: 520, events: 16 }, { at: 1090, events: 14, late: true }] })).toMatchObject({ buffered: true, untimed: false });
  });
  it("does not judge a short answer", () => {
    expect(streamShape({ reads: [{ at: 300, events: 3 }] }).buffered).toBe(false);
  });
});

describe("streamStep", () => {
  it("is ok with the time to the first token and the spread", () => {
    const r = streamStep({ via: "server", reads: even(30, 30), totalMs: 1400, sawDone: true });
    expect(r).toMatchObject({ status: "ok", ms: 1400, finding: { key: "stream.ok", values: { ttft: 400, events: 30, reads: 30, spread: 870 } } });
  });

  it("warns about buffering with the nginx lines when the page's own server path buffers", () => {
    const r = streamStep({ via: "server", reads: [{ at: 1900, events: 45 }], totalMs: 1905, sawDone: true });
    expect(r).toMatchObject({ status: "warn", finding: { key: "stream.buffered" }, fix: { key: "stream.fix.buffered", code: NGINX_STREAM_LINES } });
    expect(NGINX_STREAM_LINES).toContain("proxy_buffering off;");
    expect(NGINX_STREAM_LINES).toContain("proxy_http_version 1.1;");
  });

  it("points at the endpoint itself in own-key mode", () => {
    expect(streamStep({ via: "direct", reads: [{ at: 1900, events: 45 }], totalMs: 1905, sawDone: true }).fix?.key).toBe("stream.fix.bufferedDirect");
  });

  it("is ok, saying it could not time the pieces, when the page was too busy to read them as they came", () => {
    const r = streamStep({ via: "server", reads: [6, 6, 6, 6, 6].map((events, i) => ({ at: 1200 + i * 360, events, late: true })), totalMs: 3000, sawDone: true });
    expect(r).toMatchObject({ status: "ok", finding: { key: "stream.untimed" } });
  });

  it("fails with the error, warns on an empty stream and notes a missing [DONE]", () => {
    const error = { code: "upstream_html" as const, status: 502, message: "html" };
    expect(streamStep({ via: "server", error, reads: [], totalMs: 50, sawDone: false })).toMatchObject({ status: "fail", error });
    expect(streamStep({ via: "server", reads: [], totalMs: 50, sawDone: true }).finding.key).toBe("stream.empty");
    expect(streamStep({ via: "server", reads: [{ at: 300, events: 2 }], totalMs: 310, sawDone: false })).toMatchObject({ status: "ok", finding: { key: "stream.short" }, details: [{ key: "stream.noDone" }] });
  });
});

describe("streamStep, a relay that ignores stream: true", () => {
  it("warns that answers show only when complete", () => {
    expect(streamStep({ via: "server", reads: [{ at: 800, events: 1 }], totalMs: 810, sawDone: false, unstreamed: true })).toMatchObject({ status: "warn", finding: { key: "stream.unstreamed", values: { ttft: 800 } }, fix: { key: "stream.fix.unstreamed" } });
  });
});
