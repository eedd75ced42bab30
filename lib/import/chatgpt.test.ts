import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseChatGpt, isChatGpt } from "./chatgpt";
import type { ParseOutcome } from "./problem";

const fixture = () => JSON.parse(readFileSync(new URL("./fixtures/chatgpt-conversations.json", import.meta.url), "utf8"));
const ok = (r: ParseOutcome) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.bundle;
};
const short = (id: string) => id.slice(0, 8);

describe("parseChatGpt", () => {
  it("recognises the export and a single conversation by their mapping", () => {
    expect(isChatGpt(fixture())).toBe(true);
    expect(isChatGpt(fixture()[0])).toBe(true);
    expect(isChatGpt([{ title: "x", messages: [] }])).toBe(false);
  });

  it("keeps the tree: branches stay, hidden/system/tool/empty nodes go, children re-attach", () => {
    const [cat] = ok(parseChatGpt(fixture(), 0)).conversations;
    expect(cat.id).toBe("chatgpt:6655f0a0-1234-8000-9abc-def012345678");
    expect(cat.title).toBe("Cat picture & a haiku");
    expect(cat.messages.map((m) => [short(m.id), m.role, m.parentId && short(m.parentId)])).toEqual([
      ["b8a9c0d1", "user", null], // root, system and custom-instructions nodes skipped
      ["c1d2e3f4", "assistant", "b8a9c0d1"], // first answer
      ["d2e3f4a5", "assistant", "b8a9c0d1"], // regenerated answer: a sibling
      ["e3f4a5b6", "user", "d2e3f4a5"],
      ["b6c7d8e9", "assistant", "e3f4a5b6"], // code call and its output skipped
    ]);
    expect(cat.leafId).toBe("b6c7d8e9-9999-4a0b-9cbc-00000000000a");
  });

  it("images become a placeholder beside the text; seconds become milliseconds; the model is kept", () => {
    const [cat] = ok(parseChatGpt(fixture(), 0)).conversations;
    expect(cat.messages[0].content).toBe("[image]\nWhat is in this picture?");
    expect(cat.messages[0].createdAt).toBe(1716890400500);
    expect(cat.createdAt).toBeCloseTo(1716890400123.456, 3);
    expect(cat.updatedAt).toBeCloseTo(1716890533987.654, 3);
    expect(cat.messages[1]).toMatchObject({ model: "gpt-4o", status: "done" });
  });

  it("a null create_time takes the time before it; the leaf falls back past an empty current node", () => {
    const [, prime] = ok(parseChatGpt(fixture(), 0)).conversations;
    expect(prime.messages.map((m) => [short(m.id), m.parentId && short(m.parentId)])).toEqual([
      ["11111111", null],
      ["44444444", "11111111"], // thoughts and the reasoning recap are not conversation text
    ]);
    expect(prime.messages[1]).toMatchObject({ createdAt: 1735732806000, finishReason: "length", model: "o1" });
    expect(prime.leafId).toBe("44444444-aaaa-4bbb-8ccc-000000000004");
  });

  it("gives the same ids on every import", () => {
    expect(ok(parseChatGpt(fixture(), 1))).toEqual(ok(parseChatGpt(fixture(), 1)));
  });

  it("names the conversation and node that is malformed", () => {
    const data = fixture();
    delete data[1].mapping["11111111-aaaa-4bbb-8ccc-000000000001"].message.author;
    expect(parseChatGpt(data, 0)).toMatchObject({
      ok: false,
      problem: { code: "malformed", format: "chatgpt", where: [{ noun: "conversation", n: 2 }, { noun: "node", n: "11111111-aaaa-4bbb-8ccc-000000000001" }, "message", "author"], issue: { kind: "missing" } },
    });
  });

  it("refuses an export with nothing to show", () => {
    const data = [{ title: "empty", mapping: { r: { message: null, parent: null, children: [] } }, current_node: "r" }];
    expect(parseChatGpt(data, 0)).toEqual({ ok: false, problem: { code: "empty", format: "chatgpt" } });
  });
});
