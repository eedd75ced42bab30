import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { exportData, parseImport } from "./transfer";
import type { Conversation } from "@/lib/types";

const conv = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id,
  title: `Chat ${id}`,
  titleSettled: true,
  createdAt: 1000,
  updatedAt: 2000,
  messages: [
    { id: `${id}-1`, role: "user", content: "hi", status: "done", createdAt: 1000, parentId: null },
    {
      id: `${id}-2`,
      role: "assistant",
      content: "hello",
      reasoning: "greet back",
      reasoningMs: 120,
      status: "done",
      createdAt: 1500,
      model: "gpt-4o",
      answeredBy: "gpt-4o-2024-08-06",
      systemFingerprint: "fp_abc123",
      ttftMs: 310,
      durationMs: 1250,
      usage: { promptTokens: 9, completionTokens: 2, estimated: false },
      cost: 0.0000425,
      finishReason: "stop",
      parentId: `${id}-1`,
    },
  ],
  leafId: `${id}-2`,
  overrides: { model: "gpt-4o", temperature: 0.5 },
  ledger: [
    { id: "l1", at: 1500, kind: "chat", model: "gpt-4o", usage: { promptTokens: 9, completionTokens: 2, estimated: false }, cost: null, messageId: `${id}-2`, status: "done", ttftMs: 300, answeredBy: "gpt-4o-2024-08-06", convId: id },
  ],
  ...over,
});

function reason(text: string): string {
  const r = parseImport(text);
  if (r.ok) throw new Error("expected a refusal");
  return r.reason;
}

describe("exportData / parseImport round trip", () => {
  it("exports with the format tag and imports back identically", () => {
    const data = exportData([conv("a"), conv("b")], { settings: { theme: "dark" } });
    expect(data).toMatchObject({ format: "relaychat", version: 2 });
    expect(Number.isNaN(Date.parse(data.exportedAt))).toBe(false);
    const r = parseImport(JSON.stringify(data));
    expect(r).toEqual({ ok: true, conversations: [conv("a"), conv("b")], settings: { theme: "dark" } });
  });

  it("omits settings when none are given", () => {
    const r = parseImport(JSON.stringify(exportData([conv("a")])));
    expect(r.ok && "settings" in r).toBe(false);
  });

  it("accepts a plain array of conversations", () => {
    expect(parseImport(JSON.stringify([conv("a")]))).toEqual({ ok: true, conversations: [conv("a")] });
  });

  it("turns streaming messages into interrupted ones", () => {
    const c = conv("a");
    c.messages[1].status = "streaming";
    const r = parseImport(JSON.stringify(exportData([c])));
    expect(r.ok && r.conversations[0].messages[1].status).toBe("interrupted");
  });

  it("fills harmless gaps with defaults (status, createdAt, updatedAt, ledger, overrides)", () => {
    const minimal = [{ id: "m", createdAt: 5, messages: [{ id: "1", role: "user", content: "x" }] }];
    const r = parseImport(JSON.stringify(minimal));
    expect(r).toEqual({
      ok: true,
      conversations: [
        {
          id: "m",
          title: "",
          titleSettled: false,
          createdAt: 5,
          updatedAt: 5,
          messages: [{ id: "1", role: "user", content: "x", status: "done", createdAt: 5, parentId: null }],
          leafId: "1",
          overrides: {},
          ledger: [],
        },
      ],
    });
  });

  it("keeps an error with a code this build does not know, as unknown", () => {
    const c = conv("a");
    (c.messages[1] as unknown as { error: object }).error = { code: "from_the_future", status: 500, message: "x" };
    const r = parseImport(JSON.stringify([c]));
    expect(r.ok && r.conversations[0].messages[1].error?.code).toBe("unknown");
  });
});

describe("parseImport refuses malformed files with a readable reason", () => {
  it("not JSON", () => {
    expect(reason("{not json")).toMatch(/not valid JSON/);
  });

  it("wrong or missing format tag", () => {
    expect(reason(JSON.stringify({ format: "nextchat", conversations: [] }))).toMatch(/not a RelayChat export.*"nextchat"/);
    expect(reason(JSON.stringify({ conversations: [] }))).toMatch(/not a RelayChat export/);
  });

  it("a newer format version", () => {
    expect(reason(JSON.stringify({ ...exportData([]), version: 3 }))).toMatch(/newer version/);
  });

  it("not an object or array", () => {
    expect(reason("42")).toMatch(/does not recognise/);
    expect(reason("null")).toMatch(/does not recognise/);
  });

  it("a message without a role, naming where", () => {
    const c = conv("a");
    delete (c.messages[1] as Partial<(typeof c.messages)[number]>).role;
    const r = reason(JSON.stringify(exportData([conv("x"), c])));
    expect(r).toContain("conversation 2 › message 2 › role: is missing");
    expect(r).toMatch(/^This looks like a RelayChat export/);
  });

  it("a message without content", () => {
    const c = conv("a");
    delete (c.messages[0] as Partial<(typeof c.messages)[number]>).content;
    expect(reason(JSON.stringify([c]))).toContain("conversation 1 › message 1 › content: is missing");
  });

  it("a bad role value", () => {
    const c = conv("a");
    (c.messages[0] as unknown as { role: string }).role = "robot";
    expect(reason(JSON.stringify([c]))).toContain('message 1 › role: should be one of "system", "user", "assistant"');
  });

  it("conversations that are not a list, or a message list that is not a list", () => {
    expect(reason(JSON.stringify({ format: "relaychat", version: 1, conversations: {} }))).toContain("conversations");
    expect(reason(JSON.stringify([{ ...conv("a"), messages: "hi" }]))).toContain("conversation 1 › messages");
  });

  it("a bad ledger entry", () => {
    const c = conv("a");
    (c.ledger[0] as unknown as { kind: string }).kind = "mystery";
    expect(reason(JSON.stringify([c]))).toContain("conversation 1 › ledger entry 1 › kind");
  });

  it("duplicate conversation ids", () => {
    expect(reason(JSON.stringify([conv("a"), conv("a")]))).toMatch(/two conversations with the id "a"/);
  });

  it("never applies part of a file: one bad conversation refuses all", () => {
    const bad = { ...conv("b"), createdAt: "yesterday" };
    const r = parseImport(JSON.stringify([conv("a"), bad, conv("c")]));
    expect(r.ok).toBe(false);
    expect("conversations" in r).toBe(false);
  });
});

describe("format versions", () => {
  it("a version 1 export (fixture) imports with the same meaning, as a chain", () => {
    const file = readFileSync(new URL("./fixtures/relaychat-v1.json", import.meta.url), "utf8");
    const v1 = JSON.parse(file);
    const r = parseImport(file);
    if (!r.ok) throw new Error(r.reason);
    const [c] = r.conversations;
    const old = v1.conversations[0];
    // Same conversation, same messages in the same order with the same fields...
    expect(c).toMatchObject({ id: old.id, title: old.title, titleSettled: true, createdAt: old.createdAt, updatedAt: old.updatedAt, overrides: old.overrides });
    expect(c.messages.map(({ parentId: _p, ...m }) => m)).toEqual(old.messages);
    // ...now a chain whose shown leaf is the last message, so the visible thread is the old list.
    expect(c.messages.map((m) => m.parentId)).toEqual([null, "m1", "m2", "m3"]);
    expect(c.leafId).toBe("m4");
    expect(c.ledger.map(({ convId, ...l }) => (expect(convId).toBe("c1"), l))).toEqual(old.ledger);
    expect(r.settings).toEqual(v1.settings);
  });

  it("a version 2 export keeps branches, the shown leaf, loose ledger lines and prompts", () => {
    const tree = conv("t", {
      messages: [
        { id: "q", role: "user", content: "q", status: "done", createdAt: 1, parentId: null },
        { id: "a1", role: "assistant", content: "first", status: "done", createdAt: 2, parentId: "q" },
        { id: "a2", role: "assistant", content: "second", status: "done", createdAt: 3, parentId: "q", topicBreak: true, images: [{ id: "img1", mime: "image/png", width: 4, height: 3 }] },
      ],
      leafId: "a1",
      ledger: [],
    });
    const loose = { id: "d1", at: 9, kind: "doctor" as const, model: "gpt-4o", usage: { promptTokens: 5, completionTokens: 1, estimated: false }, cost: null, status: "done" as const };
    const prompt = { id: "p1", name: "Translator", systemPrompt: "Translate.", params: { temperature: 0.2 }, createdAt: 1, updatedAt: 2 };
    const image = { id: "img1", mime: "image/png", width: 4, height: 3, data: "iVBORw0KGgo=" };
    const r = parseImport(JSON.stringify(exportData([tree], { ledger: [loose], prompts: [prompt], images: [image] })));
    expect(r).toEqual({ ok: true, conversations: [tree], ledger: [loose], prompts: [prompt], images: [image] });
  });
});

describe("images in exports", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250]).toString("base64");
  const withImage = conv("i", {
    messages: [{ id: "q", role: "user", content: "", status: "done", createdAt: 1, parentId: null, images: [{ id: "img", mime: "image/png", width: 640, height: 480, bytes: 12 }] }],
    leafId: "q",
    ledger: [],
  });

  it("carry each image's bytes as base64 beside the conversations, matched by id", () => {
    const file = exportData([withImage], { images: [{ id: "img", mime: "image/png", width: 640, height: 480, data: png }] });
    const r = parseImport(JSON.stringify(file));
    if (!r.ok) throw new Error(r.reason);
    expect(r.conversations[0].messages[0].images).toEqual([{ id: "img", mime: "image/png", width: 640, height: 480, bytes: 12 }]);
    expect(Buffer.from(r.images![0].data, "base64")).toEqual(Buffer.from(png, "base64"));
  });

  it("an export without image data still imports; its messages keep their image references", () => {
    const r = parseImport(JSON.stringify(exportData([withImage])));
    expect(r.ok && r.images).toBeUndefined();
    expect(r.ok && r.conversations[0].messages[0].images?.[0].id).toBe("img");
  });

  it("refuses image data that is not base64, or of a type this client does not send", () => {
    const bad = (image: object) => reason(JSON.stringify({ ...exportData([withImage]), images: [image] }));
    expect(bad({ id: "img", mime: "image/png", width: 1, height: 1, data: "not base64!" })).toMatch(/item 1 › data/);
    expect(bad({ id: "img", mime: "image/png", width: 1, height: 1, data: "abc" })).toMatch(/item 1 › data/);
    expect(bad({ id: "img", mime: "image/svg+xml", width: 1, height: 1, data: png })).toMatch(/item 1 › mime: should be one of/);
  });
});
