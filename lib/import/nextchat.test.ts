import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseNextChat } from "./nextchat";
import type { ParseOutcome } from "./problem";

const fixture = () => JSON.parse(readFileSync(new URL("./fixtures/nextchat-backup.json", import.meta.url), "utf8"));
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(y, mo - 1, d, h, mi, s).getTime();
const ok = (r: ParseOutcome) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.bundle;
};

describe("parseNextChat", () => {
  it("turns each non-empty session into a conversation with stable ids", () => {
    const { conversations } = ok(parseNextChat(fixture(), 5));
    expect(conversations.map((c) => [c.id, c.title])).toEqual([
      ["nextchat:Vx3kq8H0pZ2cN5mR7tYwa", "Rust 生命周期"],
      ["nextchat:Aa1Bb2Cc3Dd4Ee5Ff6Gg7", "Packing list"],
    ]);
    expect(ok(parseNextChat(fixture(), 9))).toEqual(ok(parseNextChat(fixture(), 5)));
  });

  it("keeps text, roles, order and a chain of parents; images become placeholders", () => {
    const [rust] = ok(parseNextChat(fixture(), 5)).conversations;
    expect(rust.messages.map((m) => [m.role, m.content.slice(0, 12)])).toEqual([
      ["user", "什么是生命周期？"],
      ["assistant", "生命周期描述了引用保持有"],
      ["user", "这张图里的代码有什么问题"],
      ["assistant", "\n\n```json\n{\n"],
      ["user", "再试一次：'static"],
      ["assistant", "`'static` 表示"],
    ]);
    expect(rust.messages[2].content).toBe("这张图里的代码有什么问题？\n[image]");
    expect(rust.messages.map((m) => m.parentId)).toEqual([null, ...rust.messages.slice(0, -1).map((m) => m.id)]);
    expect(rust.leafId).toBe("k7Jj6Hh5Gg4Ff3Dd2Ss1A");
  });

  it("reads locale dates, error and streaming flags, the model and the context clear", () => {
    const [rust, packing] = ok(parseNextChat(fixture(), 5)).conversations;
    expect(rust.messages[0].createdAt).toBe(local(2024, 5, 20, 14, 3, 11));
    expect(rust.messages[4].createdAt).toBe(local(2024, 5, 20, 14, 6, 30));
    expect(packing.messages[1].createdAt).toBe(local(2024, 5, 21, 9, 15, 8));
    expect(rust.messages.map((m) => m.status)).toEqual(["done", "done", "done", "error", "done", "interrupted"]);
    expect(rust.messages[1].model).toBe("gpt-4o-mini");
    expect(rust.messages.map((m) => !!m.topicBreak)).toEqual([false, true, false, false, false, false]);
  });

  it("takes the session's own settings only when it does not follow the global ones", () => {
    const [rust, packing] = ok(parseNextChat(fixture(), 5)).conversations;
    expect(rust.overrides).toEqual({
      model: "gpt-4o-mini",
      temperature: 0.3,
      top_p: 1,
      max_tokens: 4000,
      presence_penalty: 0,
      frequency_penalty: 0,
      historyCount: 6,
      systemPrompt: "你是一位耐心的 Rust 老师。",
    });
    expect(packing.overrides).toEqual({});
  });

  it("turns user masks into saved prompts", () => {
    expect(ok(parseNextChat(fixture(), 5)).prompts).toEqual([
      {
        id: "nextchat-mask:Qq1Rr2Ss3Tt4Uu5Vv6Ww7",
        name: "英译中",
        systemPrompt: "你是专业翻译，把用户的英文翻译成自然的中文。",
        params: { model: "gpt-4o", temperature: 0.2, historyCount: 0 },
        starters: [
          { role: "user", content: "Hello, world!" },
          { role: "assistant", content: "你好，世界！" },
        ],
        createdAt: 1716000000000,
        updatedAt: 1716000000000,
        source: "nextchat-mask",
      },
    ]);
  });

  it("skips built-in masks in mask-store and the parameters of masks that follow the global settings", () => {
    const data = fixture();
    const [key] = Object.keys(data["mask-store"].masks);
    const mask = data["mask-store"].masks[key];
    data["mask-store"].masks.b = { ...mask, id: "b", name: "Built-in", builtin: true };
    data["mask-store"].masks[key] = { ...mask, syncGlobalConfig: true };
    const prompts = ok(parseNextChat(data, 5)).prompts!;
    expect(prompts.map((p) => p.name)).toEqual(["英译中"]);
    expect(prompts[0].params).toBeUndefined();
    expect(prompts[0].starters).toHaveLength(2);
  });

  it("names the session and message that is malformed", () => {
    const data = fixture();
    delete data["chat-next-web-store"].sessions[1].messages[0].role;
    const r = parseNextChat(data, 5);
    expect(r).toMatchObject({ ok: false, problem: { code: "malformed", format: "nextchat", where: ["chat-next-web-store", { noun: "session", n: 2 }, { noun: "message", n: 1 }, "role"], issue: { kind: "missing" } } });
  });

  it("refuses a backup without any chat or mask", () => {
    const data = { "chat-next-web-store": { sessions: [] }, "mask-store": { masks: {} } };
    expect(parseNextChat(data, 5)).toEqual({ ok: false, problem: { code: "empty", format: "nextchat" } });
  });
});
