import { describe, expect, it, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { readImport } from "./detect";
import { isNextChatMasks, parseNextChatMasks } from "./nextchat-mask";
import { describeProblem, type ParseOutcome } from "./problem";
import { loadDictionary } from "@/lib/i18n";

// Problems are described in Chinese too: that dictionary loads on demand.
beforeAll(() => loadDictionary("zh-CN"));

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const fixture = (name: string) => JSON.parse(text(name));
const ok = (r: ParseOutcome) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.bundle;
};

describe("NextChat mask exports", () => {
  it("reads masks.json (every user mask, an array) as saved prompts with stable ids", () => {
    const { conversations, prompts } = ok(parseNextChatMasks(fixture("nextchat-masks.json"), 5));
    expect(conversations).toEqual([]);
    expect(prompts?.map((p) => [p.id, p.name, p.source])).toEqual([
      ["nextchat-mask:m7Gk2pQ9xLw4ZtB1vNc8R", "周报生成器", "nextchat-mask"],
      ["nextchat-mask:Zr5Tq1Wm8Hc3Nv0Kx7Pb2", "SQL helper", "nextchat-mask"],
      ["nextchat-mask:Lt0Vx6Cq3Mb9Rz1Hn5Wk8", "Interview coach", "nextchat-mask"],
    ]);
    expect(ok(parseNextChatMasks(fixture("nextchat-masks.json"), 9))).toEqual(ok(parseNextChatMasks(fixture("nextchat-masks.json"), 5)));
  });

  it("splits context into the system prompt and starters, and takes the mask's own parameters", () => {
    const [report] = ok(parseNextChatMasks(fixture("nextchat-masks.json"), 5)).prompts!;
    expect(report).toEqual({
      id: "nextchat-mask:m7Gk2pQ9xLw4ZtB1vNc8R",
      name: "周报生成器",
      systemPrompt: "你是一名项目经理助理。把用户给出的零散工作记录整理成周报，分为：本周完成、问题与风险、下周计划。语言简洁，不要编造数据。",
      params: { model: "gpt-4o-mini", temperature: 0.4, historyCount: 2 },
      starters: [
        { role: "user", content: "周一修了登录页的 bug，周三和设计对了新版首页，周五上线了 2.3。" },
        { role: "assistant", content: expect.stringContaining("**本周完成**") },
      ],
      createdAt: 1717380765123,
      updatedAt: 1717380765123,
      source: "nextchat-mask",
    });
  });

  it("brings no parameters from a mask that follows the global settings, and drops empty context messages", () => {
    const [, sql, coach] = ok(parseNextChatMasks(fixture("nextchat-masks.json"), 5)).prompts!;
    expect(sql.params).toBeUndefined();
    expect(sql.starters).toBeUndefined();
    expect(coach.systemPrompt).toBe("");
    expect(coach.starters).toEqual([{ role: "user", content: expect.stringMatching(/^Act as an interviewer/) }]);
    expect(coach.params).toEqual({ model: "claude-3-5-sonnet", temperature: 0.8, historyCount: 6 });
  });

  it("reads one mask exported from its editor, a built-in one too", () => {
    const [tutor] = ok(parseNextChatMasks(fixture("nextchat-mask-single.json"), 5)).prompts!;
    expect(tutor).toMatchObject({ id: "nextchat-mask:Ua9Ek3Rp6Wz0Gv2Tc8Nq1", name: "English tutor", params: { model: "mock-model", temperature: 0.6, historyCount: 8 } });
    expect(tutor.starters).toEqual([{ role: "assistant", content: "Hi! Tell me about your day, and I will help with your English as we go." }]);
    // A built-in carries no syncGlobalConfig: NextChat applies its modelConfig, and so does the import.
    const [writer] = ok(parseNextChatMasks(fixture("nextchat-mask-builtin.json"), 5)).prompts!;
    expect(writer).toMatchObject({ id: "nextchat-mask:100001", name: "文案写手", systemPrompt: "", params: { model: "gpt-3.5-turbo", temperature: 1, historyCount: 4 } });
    expect(writer.starters?.[0].content).toMatch(/^我希望你充当文案专员/);
  });

  it("turns multimodal context into text and names an id-less mask by its content", () => {
    const mask = { name: "Look", avatar: "1f440", context: [{ role: "system", content: [{ type: "text", text: "Describe images." }, { type: "image_url", image_url: { url: "data:x" } }] }], modelConfig: {} };
    const [a] = ok(parseNextChatMasks(mask, 5)).prompts!;
    const [b] = ok(parseNextChatMasks([mask], 5)).prompts!;
    expect(a.systemPrompt).toBe("Describe images.\n[image]");
    expect(a.id).toMatch(/^nextchat-mask:\w+$/);
    expect(b.id).toBe(a.id);
  });

  it("is told apart from other formats by its content", () => {
    expect(isNextChatMasks(fixture("nextchat-masks.json"))).toBe(true);
    expect(isNextChatMasks(fixture("nextchat-mask-single.json"))).toBe(true);
    expect(isNextChatMasks(fixture("betterchatgpt-export.json"))).toBe(false);
    expect(isNextChatMasks(fixture("nextchat-backup.json"))).toBe(false);
    expect(isNextChatMasks([])).toBe(false);
    for (const name of ["nextchat-masks.json", "nextchat-mask-single.json", "nextchat-mask-builtin.json"]) {
      expect(readImport(text(name), 0), name).toMatchObject({ ok: true, format: "nextchatmask" });
    }
  });

  it("refuses a malformed mask, saying where, in both languages", () => {
    const data = fixture("nextchat-masks.json");
    data[1].context[0].role = "tool";
    const r = readImport(JSON.stringify(data), 0);
    if (r.ok) throw new Error("expected a refusal");
    expect(r.problem).toMatchObject({ code: "malformed", format: "nextchatmask", where: [{ noun: "mask", n: 2 }, { noun: "message", n: 1 }, "role"] });
    expect(describeProblem("en", r.problem)).toBe(
      'This looks like a NextChat mask export, but it is malformed at mask 2 › message 1 › role: should be one of "system", "user", "assistant".',
    );
    expect(describeProblem("zh-CN", r.problem)).toMatch(/^看起来是 NextChat 面具导出文件，但 第 2 个面具 › 第 1 条消息 › role 有误/);
    const nameless = fixture("nextchat-mask-single.json");
    delete nameless.name;
    expect(parseNextChatMasks(nameless, 0)).toMatchObject({ ok: false, problem: { code: "malformed", where: ["name"], issue: { kind: "missing" } } });
  });

  it("refuses masks that hold nothing to reuse", () => {
    const empty = { id: "x", name: "Blank", avatar: "1f600", context: [{ role: "user", content: " " }], syncGlobalConfig: true, modelConfig: { model: "gpt-4o" } };
    const r = parseNextChatMasks([empty], 0);
    expect(r).toEqual({ ok: false, problem: { code: "empty", format: "nextchatmask" } });
    if (r.ok) return;
    expect(describeProblem("en", r.problem)).toBe("This NextChat mask export holds no mask with a system prompt, starter messages or parameters to import.");
    expect(describeProblem("zh-CN", r.problem)).toContain("面具");
  });
});
