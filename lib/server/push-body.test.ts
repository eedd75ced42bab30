import { describe, expect, it } from "vitest";
import { PushBody } from "./push-body";

function source() {
  const log: string[] = [];
  return { log, source: { pause: () => log.push("pause"), resume: () => log.push("resume"), abort: (r: Error) => log.push(`abort:${r.name}`) } };
}

function consumer(accept = true) {
  const got: string[] = [];
  return { got, consumer: { data: (c: Buffer) => (got.push(c.toString()), accept), end: () => got.push("<end>"), error: (e: unknown) => got.push(`<error:${(e as Error).message}>`) } };
}

describe("PushBody", () => {
  it("holds what arrives before the consumer attaches, then delivers in order", () => {
    const { source: s, log } = source();
    const body = new PushBody(s);
    body.push(Buffer.from("a"));
    body.push(Buffer.from("b"));
    body.end();
    const { got, consumer: c } = consumer();
    body.consume(c);
    expect(got).toEqual(["a", "b", "<end>"]);
    expect(log).toEqual([]); // a short wait needs no pause
  });

  it("delivers directly once attached, and an error after data", () => {
    const { source: s } = source();
    const body = new PushBody(s);
    const { got, consumer: c } = consumer();
    body.consume(c);
    body.push(Buffer.from("x"));
    body.error(new Error("reset"));
    body.push(Buffer.from("late"));
    body.end();
    expect(got).toEqual(["x", "<error:reset>"]);
  });

  it("pauses the source when the consumer is full, resumes on request", () => {
    const { source: s, log } = source();
    const body = new PushBody(s);
    body.consume(consumer(false).consumer);
    body.push(Buffer.from("x"));
    expect(log).toEqual(["pause"]);
    body.resume();
    expect(log).toEqual(["pause", "resume"]);
  });

  it("pauses a source that runs far ahead of a consumer not yet attached, and resumes it on attach", () => {
    const { source: s, log } = source();
    const body = new PushBody(s);
    for (let i = 0; i < 20; i++) body.push(Buffer.from(String(i)));
    expect(log).toEqual(["pause"]);
    const { got, consumer: c } = consumer();
    body.consume(c);
    expect(got).toHaveLength(20);
    expect(log).toEqual(["pause", "resume"]);
  });

  it("destroy() aborts the transfer and drops everything", () => {
    const { source: s, log } = source();
    const body = new PushBody(s);
    body.push(Buffer.from("held"));
    body.destroy();
    expect(log).toEqual(["abort:AbortError"]);
    const { got, consumer: c } = consumer();
    body.consume(c);
    body.push(Buffer.from("more"));
    expect(got).toEqual([]);
    body.destroy();
    expect(log).toHaveLength(1);
  });

  it("does not abort a body that already ended", () => {
    const { source: s, log } = source();
    const body = new PushBody(s);
    body.end();
    body.destroy();
    expect(log).toEqual([]);
  });

  it("refuses a second consumer", () => {
    const body = new PushBody(source().source);
    body.consume(consumer().consumer);
    expect(() => body.consume(consumer().consumer)).toThrow();
  });
});
