import { describe, expect, it, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { readImport } from "./detect";
import { describeProblem } from "./problem";
import { loadDictionary } from "@/lib/i18n";

// Problems are described in Chinese too: that dictionary loads on demand.
beforeAll(() => loadDictionary("zh-CN"));

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("readImport recognises a file by its content", () => {
  it.each([
    ["relaychat-v1.json", "relaychat", 1],
    ["nextchat-backup.json", "nextchat", 2],
    ["chatgpt-conversations.json", "chatgpt", 2],
    ["lobechat-export.json", "lobechat", 3],
    ["betterchatgpt-export.json", "betterchatgpt", 2],
    ["betterchatgpt-legacy.json", "betterchatgpt", 1],
  ])("%s → %s", (file, format, count) => {
    const r = readImport(text(file), 0);
    expect(r.ok && r.format).toBe(format);
    expect(r.ok && r.bundle.conversations.length).toBe(count);
  });

  it("a single ChatGPT conversation and a bare array of this app's conversations", () => {
    const one = JSON.parse(text("chatgpt-conversations.json"))[0];
    expect(readImport(JSON.stringify(one), 0)).toMatchObject({ ok: true, format: "chatgpt" });
    const own = JSON.parse(text("relaychat-v1.json")).conversations;
    expect(readImport(JSON.stringify(own), 0)).toMatchObject({ ok: true, format: "relaychat" });
  });

  it("refuses what it cannot read, saying why in both languages", () => {
    const cases = {
      notJson: readImport("{ cut off", 0),
      unknown: readImport('{"hello":"world"}', 0),
      otherTag: readImport('{"format":"someapp","conversations":[]}', 0),
      empty: readImport('{"format":"relaychat","version":2,"conversations":[]}', 0),
      variant: readImport('{"data":{},"mode":"pglite","schemaHash":"abc"}', 0),
    };
    for (const [code, r] of Object.entries(cases)) {
      expect(r.ok ? null : r.problem.code, code).toBe(code);
      if (r.ok) continue;
      expect(describeProblem("en", r.problem)).not.toMatch(/import\.\w|\{\w+\}/);
      expect(describeProblem("zh-CN", r.problem)).not.toMatch(/import\.\w|\{\w+\}/);
    }
    expect(readImport("[]", 0)).toMatchObject({ ok: false, problem: { code: "unknown" } });
  });

  it("says which format it looked like and where it is malformed", () => {
    const data = JSON.parse(text("nextchat-backup.json"));
    data["chat-next-web-store"].sessions[0].messages[2].content = 42;
    const r = readImport(JSON.stringify(data), 0);
    if (r.ok) throw new Error("expected a refusal");
    expect(describeProblem("en", r.problem)).toBe(
      "This looks like a NextChat backup, but it is malformed at chat-next-web-store › session 1 › message 3 › content: has a value that cannot be read.",
    );
    expect(describeProblem("zh-CN", r.problem)).toBe("看起来是 NextChat 备份，但 chat-next-web-store › 第 1 个会话 › 第 3 条消息 › content 有误：值无法读取。");
  });

  it("refuses two conversations with one id", () => {
    const data = JSON.parse(text("chatgpt-conversations.json"));
    data[1].conversation_id = data[0].conversation_id;
    expect(readImport(JSON.stringify(data), 0)).toMatchObject({ ok: false, problem: { code: "duplicate", format: "chatgpt" } });
  });
});
