import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  BodyLimiter,
  chatBodySchema,
  checkContentLength,
  exactProxyRoute,
  findProxyRoute,
  isPlainValidChatBody,
  MAX_BODY_BYTES,
  readBodyLimited,
  resolveProxyPath,
  resolveProxyRoute,
  upstreamHeaders,
  upstreamUrl,
  validateChatBody,
} from "./proxy-request";

const fail = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a throw");
};

describe("resolveProxyRoute", () => {
  it.each([
    ["POST", "v1/chat/completions", "v1/chat/completions"],
    ["GET", "v1/models", "v1/models"],
    ["GET", "dashboard/billing/subscription", "dashboard/billing/subscription"],
    ["GET", "v1/dashboard/billing/subscription", "dashboard/billing/subscription"],
    ["GET", "dashboard/billing/usage", "dashboard/billing/usage"],
    ["get", "v1/dashboard/billing/usage", "dashboard/billing/usage"],
  ])("allows %s %s", (method, path, apiPath) => {
    expect(resolveProxyRoute(method, path.split("/")).apiPath).toBe(apiPath);
  });

  it.each([
    ["GET", ["v1", "chat", "completions"]],
    ["POST", ["v1", "models"]],
    ["POST", ["v1", "files"]],
    ["GET", ["v1", "files"]],
    ["POST", ["v1", "embeddings"]],
    ["POST", ["chat", "completions"]],
    ["POST", ["v1", "chat", "completions", ""]],
    ["POST", ["v1", "chat", "..", "chat", "completions"]],
    ["POST", ["v1", ".", "chat", "completions"]],
    ["POST", ["v1/chat/completions"]],
    ["POST", ["https:", "", "evil.example", "v1", "chat", "completions"]],
    ["POST", ["https://evil.example/v1", "chat", "completions"]],
    ["POST", ["v1", "chat", "completions%2F.."]],
    ["POST", ["v1", "chat", "completions\\.."]],
    ["POST", ["V1", "chat", "completions"]],
    ["POST", []],
    ["DELETE", ["v1", "models"]],
  ])("refuses %s %j with 404 path_not_allowed", (method, segments) => {
    const err = fail(() => resolveProxyRoute(method, segments));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("path_not_allowed");
    expect(err.status).toBe(404);
  });

  it("resolveProxyPath decodes a raw path and refuses encoded tricks", () => {
    expect(resolveProxyPath("POST", "/v1/chat/completions").kind).toBe("chat");
    expect(fail(() => resolveProxyPath("POST", "v1/%2e%2e/chat/completions")).code).toBe("path_not_allowed");
    expect(fail(() => resolveProxyPath("POST", "v1%2Fchat%2Fcompletions")).code).toBe("path_not_allowed");
    expect(fail(() => resolveProxyPath("POST", "v1/%E0%A4%A")).code).toBe("path_not_allowed");
  });

  it("findProxyRoute finds a route whatever the method, with the same refusals", () => {
    expect(findProxyRoute(["v1", "models"])?.method).toBe("GET");
    expect(findProxyRoute(["v1", "chat", "completions"])?.method).toBe("POST");
    for (const segments of [["v1", "files"], ["v1", "models", ""], ["v1", ".", "models"], ["v1/models"], ["constructor"], ["__proto__"], []]) {
      expect(findProxyRoute(segments), JSON.stringify(segments)).toBeUndefined();
    }
  });

  it("exactProxyRoute matches the raw path as sent, nothing decoded or normalised", () => {
    expect(exactProxyRoute("v1/models")?.kind).toBe("models");
    expect(exactProxyRoute("dashboard/billing/usage")?.kind).toBe("billing");
    for (const raw of ["v1/models/", "/v1/models", "v1//models", "v1/%6dodels", "v1/./models", "V1/models", "constructor", "__proto__", "toString", ""]) {
      expect(exactProxyRoute(raw), raw).toBeUndefined();
    }
  });
});

describe("upstreamUrl", () => {
  const chat = resolveProxyRoute("POST", ["v1", "chat", "completions"]);
  const usage = resolveProxyRoute("GET", ["dashboard", "billing", "usage"]);
  it("always targets BASE_URL, whatever form it was given in", () => {
    expect(upstreamUrl("https://relay.example.com/v1/", chat, "?x=1")).toBe("https://relay.example.com/v1/chat/completions");
    expect(upstreamUrl("http://127.0.0.1:9/openai", chat, "")).toBe("http://127.0.0.1:9/openai/v1/chat/completions");
  });
  it("joins under an endpoint's own version path (Zhipu, Ark, Gemini) for chat, models and billing", () => {
    const models = resolveProxyRoute("GET", ["v1", "models"]);
    const v1Usage = resolveProxyRoute("GET", ["v1", "dashboard", "billing", "usage"]);
    expect(upstreamUrl("https://open.bigmodel.cn/api/paas/v4", chat, "")).toBe("https://open.bigmodel.cn/api/paas/v4/chat/completions");
    expect(upstreamUrl("https://ark.cn-beijing.volces.com/api/v3", models, "")).toBe("https://ark.cn-beijing.volces.com/api/v3/models");
    expect(upstreamUrl("https://generativelanguage.googleapis.com/v1beta/openai", v1Usage, "")).toBe("https://generativelanguage.googleapis.com/v1beta/openai/dashboard/billing/usage");
  });
  it("forwards a well-formed query string on billing paths only", () => {
    expect(upstreamUrl("https://r.example", usage, "?start_date=2025-01-01&end_date=2025-02-01")).toBe(
      "https://r.example/v1/dashboard/billing/usage?start_date=2025-01-01&end_date=2025-02-01",
    );
    expect(upstreamUrl("https://r.example", usage, "?a=%23b&c=d e&&")).toBe("https://r.example/v1/dashboard/billing/usage?a=%23b&c=d+e");
    expect(upstreamUrl("https://r.example", usage, "")).toBe("https://r.example/v1/dashboard/billing/usage");
  });
});

const stream = (parts: (string | Uint8Array)[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(typeof p === "string" ? new TextEncoder().encode(p) : p);
      c.close();
    },
  });

describe("readBodyLimited", () => {
  it("reads a body in pieces", async () => {
    expect(new TextDecoder().decode(await readBodyLimited(stream(["ab", "cd"]), null))).toBe("abcd");
    expect(await readBodyLimited(null, null)).toHaveLength(0);
  });
  it("refuses by Content-Length before reading", async () => {
    await expect(readBodyLimited(stream(["x"]), String(MAX_BODY_BYTES + 1))).rejects.toMatchObject({ code: "server_body_limit", status: 413 });
  });
  it("refuses by count when the length was not declared", async () => {
    await expect(readBodyLimited(stream(["12345", "67890"]), null, 8)).rejects.toMatchObject({ code: "server_body_limit" });
  });
});

describe("validateChatBody", () => {
  const enc = (v: unknown) => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
  const ok = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };

  it("accepts a chat body and reports whether it streams, passing unknown fields", () => {
    expect(validateChatBody(enc(ok))).toEqual({ model: "gpt-4o-mini", stream: false });
    expect(validateChatBody(enc({ ...ok, stream: true, tools: [], reasoning_effort: "low", stream_options: { include_usage: true } }))).toEqual({
      model: "gpt-4o-mini",
      stream: true,
    });
    expect(validateChatBody(enc({ ...ok, messages: [{ role: "user", content: [{ type: "text", text: "x" }] }] })).stream).toBe(false);
  });

  it("accepts image input: content parts with text and image_url data URLs, beside plain and null content", () => {
    const parts = [
      { type: "text", text: "what is in this picture?" },
      { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0K", detail: "low" } },
    ];
    const body = { ...ok, messages: [{ role: "system", content: "s" }, { role: "user", content: parts }, { role: "assistant", content: null }, { role: "user", content: "and now?" }] };
    expect(validateChatBody(enc(body))).toEqual({ model: "gpt-4o-mini", stream: false });
  });

  it.each([
    ["not JSON", "{nope"],
    ["an array", [ok]],
    ["null", "null"],
    ["no model", { messages: ok.messages }],
    ["a numeric model", { ...ok, model: 4 }],
    ["an empty model", { ...ok, model: " " }],
    ["no messages", { model: "m" }],
    ["empty messages", { ...ok, messages: [] }],
    ["messages not an array", { ...ok, messages: "hi" }],
    ["a message without role", { ...ok, messages: [{ content: "hi" }] }],
    ["a string stream flag", { ...ok, stream: "yes" }],
    ["content neither text, null nor parts", { ...ok, messages: [{ role: "user", content: 42 }] }],
    ["content parts without a type", { ...ok, messages: [{ role: "user", content: [{ text: "x" }] }] }],
    ["content parts that are not objects", { ...ok, messages: [{ role: "user", content: ["x"] }] }],
  ])("refuses %s with 400 bad_request", (_name, value) => {
    const err = fail(() => validateChatBody(enc(value)));
    expect(err.code).toBe("bad_request");
    expect(err.status).toBe(400);
  });

  it("refuses invalid UTF-8", () => {
    expect(fail(() => validateChatBody(new Uint8Array([0x7b, 0xff, 0x7d]))).code).toBe("bad_request");
  });

  it("trims the model it reports", () => {
    expect(validateChatBody(enc({ ...ok, model: "  gpt-4o  " })).model).toBe("gpt-4o");
  });
});

describe("isPlainValidChatBody (the shortcut past zod)", () => {
  const ok = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };
  const zodAccepts = (json: unknown) => chatBodySchema.safeParse(json).success;
  it.each([
    ok,
    { ...ok, stream: true },
    { ...ok, stream: false, extra: { a: 1 } },
    { ...ok, model: " m " },
    { ...ok, model: "x".repeat(200) },
    { ...ok, model: ` ${"x".repeat(200)} ` },
    { ...ok, model: "x".repeat(201) },
    { ...ok, model: "" },
    { ...ok, model: "   " },
    { ...ok, model: 1 },
    { ...ok, model: null },
    { ...ok, stream: null },
    { ...ok, stream: "true" },
    { ...ok, stream: 1 },
    { ...ok, messages: [] },
    { ...ok, messages: {} },
    { ...ok, messages: [null] },
    { ...ok, messages: [[]] },
    { ...ok, messages: ["user"] },
    { ...ok, messages: [{ role: "" }] },
    { ...ok, messages: [{ role: 1 }] },
    { ...ok, messages: [{ role: "user" }, { content: "no role" }] },
    { ...ok, messages: [{ role: "user" }, { role: "assistant", content: null }] },
    { ...ok, messages: [{ role: "user", content: [{ type: "text", text: "a" }, { type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }] },
    { ...ok, messages: [{ role: "user", content: [] }] },
    { ...ok, messages: [{ role: "user", content: [{ type: "" }] }] },
    { ...ok, messages: [{ role: "user", content: [null] }] },
    { ...ok, messages: [{ role: "user", content: 3 }] },
    { ...ok, messages: [{ role: "user", content: { type: "text" } }] },
    { messages: ok.messages },
    { model: "m" },
    [ok],
    null,
    "text",
    42,
  ])("agrees with the zod schema on %j", (json) => {
    // Whatever the shortcut accepts, the schema accepts; what it refuses goes to zod for the message.
    if (isPlainValidChatBody(json)) expect(zodAccepts(json)).toBe(true);
    // And for these well-formed cases it takes the shortcut (so the saving is real).
    if (zodAccepts(json)) expect(isPlainValidChatBody(json)).toBe(true);
  });
});

describe("request body limits", () => {
  it("refuses a declared length over the limit, accepts one at it", () => {
    expect(() => checkContentLength(String(MAX_BODY_BYTES + 1))).toThrow(expect.objectContaining({ code: "server_body_limit", status: 413 }));
    expect(() => checkContentLength(String(MAX_BODY_BYTES))).not.toThrow();
    expect(() => checkContentLength(null)).not.toThrow();
    expect(() => checkContentLength(undefined)).not.toThrow();
  });

  it("BodyLimiter collects pieces and refuses past the limit", () => {
    const limiter = new BodyLimiter(6);
    limiter.add(new TextEncoder().encode("abc"));
    limiter.add(new TextEncoder().encode("def"));
    expect(new TextDecoder().decode(limiter.bytes())).toBe("abcdef");
    expect(() => limiter.add(new Uint8Array(1))).toThrow(expect.objectContaining({ code: "server_body_limit" }));
    const one = new BodyLimiter(10);
    one.add(new Uint8Array([1, 2]));
    expect(Array.from(one.bytes())).toEqual([1, 2]);
    expect(new BodyLimiter().bytes()).toHaveLength(0);
  });
});

describe("upstreamHeaders", () => {
  it("sends the server key and drops the client's secrets and identity", () => {
    const client = new Headers({
      authorization: "Bearer sk-user-own",
      "x-access-code": "secret1",
      cookie: "a=b",
      host: "chat.example",
      "x-forwarded-for": "1.2.3.4",
      "x-relaychat-peer": "1.2.3.4",
      "content-type": "application/json",
      accept: "text/event-stream",
      "user-agent": "Mozilla/5.0",
    });
    const out = upstreamHeaders(client, "sk-server", true);
    expect(out).toEqual({
      authorization: "Bearer sk-server",
      "content-type": "application/json",
      accept: "text/event-stream",
      "user-agent": "Mozilla/5.0",
    });
  });
});
