import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { isLobeChat, parseLobeChat } from "./lobechat";
import type { ParseOutcome } from "./problem";

const fixture = () => JSON.parse(readFileSync(new URL("./fixtures/lobechat-export.json", import.meta.url), "utf8"));
const ok = (r: ParseOutcome) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.bundle;
};

describe("parseLobeChat", () => {
  it("recognises a config export by its state and version", () => {
    expect(isLobeChat(fixture())).toBe(true);
    expect(isLobeChat({ state: {} })).toBe(false);
  });

  it("makes one conversation per topic and one for a session's messages outside topics", () => {
    const { conversations } = ok(parseLobeChat(fixture(), 0));
    expect(conversations.map((c) => [c.id, c.title, c.messages.length])).toEqual([
      ["lobechat:CZg3IEdy", "Prisma 中的 cuid 函数", 4],
      ["lobechat:MNWhBEh5", "启动 PostgreSQL Docker 镜像", 4],
      ["lobechat:session:inbox", "随便聊聊：今天适合跑步吗？", 2], // the inbox has no title: its first question names it
    ]);
  });

  it("links user messages without parentId to the message before; tool turns are skipped without a gap", () => {
    const [prisma, docker] = ok(parseLobeChat(fixture(), 0)).conversations;
    expect(prisma.messages.map((m) => [m.id, m.parentId])).toEqual([
      ["JSZaJOGj", null],
      ["n2Tsl3Dm", "JSZaJOGj"],
      ["xPft8Msa", "n2Tsl3Dm"],
      ["jZc2KKRs", "xPft8Msa"],
    ]);
    expect(docker.messages.map((m) => [m.id, m.parentId])).toEqual([
      ["LjG9XSuq", null],
      ["CL7E1Mc5", "LjG9XSuq"], // its parent was the tool result, whose parent was the empty tool call
      ["UIvHZr7m", "CL7E1Mc5"],
      ["XLJOK44r", "UIvHZr7m"],
    ]);
    expect(docker.leafId).toBe("XLJOK44r");
  });

  it("keeps the model (old and new field), times, and failed answers with their error text", () => {
    const [prisma, docker] = ok(parseLobeChat(fixture(), 0)).conversations;
    expect(prisma.messages[1]).toMatchObject({ model: "gpt-3.5-turbo", createdAt: 1698463981313, status: "done" });
    expect(prisma.messages[3].model).toBe("gpt-4o-mini");
    expect(docker.messages[3]).toMatchObject({ status: "error", content: "Incorrect API key provided" });
  });

  it("takes the agent's model, parameters, enabled history count and system role", () => {
    const [prisma, , inbox] = ok(parseLobeChat(fixture(), 0)).conversations;
    expect(prisma.overrides).toEqual({
      model: "gpt-4o-mini",
      temperature: 0.6,
      top_p: 1,
      presence_penalty: 0,
      frequency_penalty: 0,
      historyCount: 8,
      systemPrompt: "你是一名 PostgreSQL 专家，用简单直白的方式回答。",
    });
    expect(inbox.overrides).toEqual({});
  });

  it("refuses version 1, an export without messages, and names a malformed message", () => {
    expect(parseLobeChat({ state: { sessions: {} }, version: 1 }, 0)).toEqual({ ok: false, problem: { code: "tooOld", format: "lobechat", version: 1 } });
    expect(parseLobeChat({ exportType: "agents", state: { sessions: [] }, version: 8 }, 0)).toEqual({ ok: false, problem: { code: "empty", format: "lobechat" } });
    const data = fixture();
    data.state.messages[2].role = 7;
    expect(parseLobeChat(data, 0)).toMatchObject({
      ok: false,
      problem: { code: "malformed", where: ["state", { noun: "message", n: 3 }, "role"], issue: { kind: "type", expected: "string" } },
    });
  });
});
