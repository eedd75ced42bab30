import { describe, expect, it } from "vitest";
import { familyOf, filterModels, flattenGroups, groupModels } from "./picker";

describe("familyOf", () => {
  it("groups names as relays spell them", () => {
    const cases: Record<string, string> = {
      "gpt-4o-mini": "gpt-4o", "chatgpt-4o-latest": "gpt-4o", "gpt-4.1-nano": "gpt-4.1", "gpt-5-mini": "gpt-5", "gpt-4-turbo": "gpt-4", gpt4all: "gpt-4", "gpt-3.5-turbo": "gpt-3.5",
      o1: "o-series", "o3-mini": "o-series", "o4-mini": "o-series", "claude-3-5-sonnet": "claude", "gemini-2.5-pro": "gemini", "deepseek-chat": "deepseek",
      "deepseek-ai/DeepSeek-R1": "deepseek", "qwen-max": "qwen", "qwq-32b": "qwen", "glm-4.6": "glm", "moonshot-v1-8k": "kimi", "grok-4": "grok",
      "meta-llama/Llama-3.3-70B-Instruct": "llama", "mistral-large": "mistral", "mock-model": "other", "omni-moderation": "other",
    };
    for (const [name, family] of Object.entries(cases)) expect(familyOf(name), name).toBe(family);
  });
});

describe("filterModels", () => {
  const options = [{ id: "gpt-4o" }, { id: "gpt-4o-mini" }, { id: "qwen-max", label: "通义千问 Max" }, { id: "claude-3-5-sonnet" }];
  it("matches every typed word in id or label, any case", () => {
    expect(filterModels(options, "").map((o) => o.id)).toHaveLength(4);
    expect(filterModels(options, "4O MINI").map((o) => o.id)).toEqual(["gpt-4o-mini"]);
    expect(filterModels(options, "千问").map((o) => o.id)).toEqual(["qwen-max"]);
    expect(filterModels(options, "nothing")).toEqual([]);
  });
});

describe("groupModels", () => {
  it("orders groups by family and keeps the list order inside a group", () => {
    const groups = groupModels([{ id: "mock-model" }, { id: "gpt-4o-mini" }, { id: "claude-3-haiku" }, { id: "gpt-4o" }, { id: "o3" }]);
    expect(groups.map((g) => g.family)).toEqual(["gpt-4o", "o-series", "claude", "other"]);
    expect(flattenGroups(groups).map((o) => o.id)).toEqual(["gpt-4o-mini", "gpt-4o", "o3", "claude-3-haiku", "mock-model"]);
  });
});
