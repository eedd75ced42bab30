import { describe, expect, it } from "vitest";
import { buildModelList, DEFAULT_MODELS, stripProvider } from "./model-list";

const ids = (customModels: string, defaultModel = "") => buildModelList(customModels, defaultModel).models.map((m) => m.id);
const defaults = DEFAULT_MODELS.map((m) => m.id);

describe("buildModelList", () => {
  it("offers the default list when nothing is configured", () => {
    expect(buildModelList("")).toEqual({ models: DEFAULT_MODELS.map((m) => ({ ...m })), defaultModel: defaults[0], restricted: false });
  });

  it("adds with and without +, keeping order and skipping blanks", () => {
    expect(ids("+qwen-max, glm-4 ,,")).toEqual([...defaults, "qwen-max", "glm-4"]);
  });

  it("removes with -", () => {
    expect(ids("-gpt-4o,-deepseek-chat")).toEqual(defaults.filter((d) => d !== "gpt-4o" && d !== "deepseek-chat"));
  });

  it("-all removes every default, later adds survive", () => {
    expect(ids("-all,+qwen-max,glm-4")).toEqual(["qwen-max", "glm-4"]);
    expect(ids("qwen-max,-all,glm-4")).toEqual(["glm-4"]);
  });

  it("+all brings the defaults back", () => {
    expect(ids("-all,+all")).toEqual(defaults);
  });

  it("sets labels with =", () => {
    const { models } = buildModelList("-all,qwen-max=通义千问 Max,gpt-4o=GPT-4o (fast)");
    expect(models).toEqual([{ id: "qwen-max", label: "通义千问 Max" }, { id: "gpt-4o", label: "GPT-4o (fast)" }]);
  });

  it("accepts name@provider and drops the provider from the id, keeping the label", () => {
    const { models } = buildModelList("-all,claude-3-5-sonnet@anthropic,gpt-4@azure=GPT-4 on Azure,-gpt-4@azure,gemini-pro@google=Gemini");
    expect(models).toEqual([{ id: "claude-3-5-sonnet" }, { id: "gemini-pro", label: "Gemini" }]);
  });

  it("re-adding a model moves nothing and keeps an earlier label", () => {
    const { models } = buildModelList("-all,a=Alpha,b,+a");
    expect(models).toEqual([{ id: "a", label: "Alpha" }, { id: "b" }]);
  });

  it("puts DEFAULT_MODEL first and adds it when missing", () => {
    expect(ids("", "deepseek-chat")[0]).toBe("deepseek-chat");
    expect(ids("", "deepseek-chat")).toHaveLength(defaults.length);
    const withNew = buildModelList("-all,a,b", "c@openai");
    expect(withNew).toEqual({ models: [{ id: "c" }, { id: "a" }, { id: "b" }], defaultModel: "c", restricted: true });
  });

  it("never ends with an empty list", () => {
    expect(buildModelList("-all")).toEqual({ models: [{ id: "gpt-4o-mini" }], defaultModel: "gpt-4o-mini", restricted: true });
  });

  it("is restricted only while a -all stands", () => {
    expect(buildModelList("-gpt-4o").restricted).toBe(false);
    expect(buildModelList("-all,+gpt-4o-mini").restricted).toBe(true);
    expect(buildModelList("-all,+all").restricted).toBe(false);
    expect(buildModelList("+all,-all,x").restricted).toBe(true);
    expect(buildModelList("-ALL").restricted).toBe(true);
  });

  it("takes another base list (the upstream's) and +all restores that one", () => {
    const base = [{ id: "live-a" }, { id: "live-b" }];
    expect(buildModelList("", "", base).models.map((m) => m.id)).toEqual(["live-a", "live-b"]);
    expect(buildModelList("-all,x,+all", "", base).models.map((m) => m.id)).toEqual(["x", "live-a", "live-b"]);
  });

  it("does not crash on NextChat's odd forms", () => {
    for (const raw of ["@", "=", "@@", "a@", "-=x", "+@azure=Foo", "gpt-4o@azure=my-deployment", "a=b=c", " , ,", "-@openai", "+all@x", "模型=名字"]) {
      expect(() => buildModelList(raw)).not.toThrow();
    }
    expect(buildModelList("-all,gpt-4o@azure=My Deployment,a=b=c").models).toEqual([{ id: "gpt-4o", label: "My Deployment" }, { id: "a", label: "b=c" }]);
  });

  it("ignores tokens without a name", () => {
    expect(ids("-all,+,-,=label,@x")).toEqual(["gpt-4o-mini"]);
  });
});

describe("stripProvider", () => {
  it("drops the last @provider only", () => {
    expect(stripProvider("a@b")).toBe("a");
    expect(stripProvider("a@b@c")).toBe("a@b");
    expect(stripProvider("plain")).toBe("plain");
  });
});
