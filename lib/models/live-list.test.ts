import { describe, expect, it } from "vitest";
import { mergeLiveModels, parseModelsBody } from "./live-list";
import { DEFAULT_MODELS } from "./model-list";

const openAi = (ids: string[]) => JSON.stringify({ object: "list", data: ids.map((id) => ({ id, object: "model", created: 1, owned_by: "x" })) });
const LIVE = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "gpt4-all", "qwen-max"];
const ids = (live: string[] | null, custom: string, def = "") => mergeLiveModels(live, custom, def).models.map((m) => m.id);

describe("parseModelsBody", () => {
  it("reads OpenAI's list shape", () => {
    expect(parseModelsBody(openAi(LIVE))).toEqual({ ok: true, ids: LIVE });
  });

  it("reads a bare array, a models array and names; trims, deduplicates and skips junk", () => {
    expect(parseModelsBody(JSON.stringify(["a", " b ", "a", "", 3, null]))).toEqual({ ok: true, ids: ["a", "b"] });
    expect(parseModelsBody(JSON.stringify({ models: [{ name: "m1" }, { id: "m2" }, { id: "bad\nname" }, { id: "x".repeat(201) }, { id: "a,b" }] }))).toEqual({ ok: true, ids: ["m1", "m2"] });
  });

  it("says why a body is no list", () => {
    expect(parseModelsBody("<html><title>502 Bad Gateway</title></html>")).toEqual({ ok: false, reason: "not_json" });
    expect(parseModelsBody('{"error":{"message":"无效的令牌"}}')).toEqual({ ok: false, reason: "not_a_list" });
    expect(parseModelsBody("null")).toEqual({ ok: false, reason: "not_a_list" });
  });

  it("an empty list is a list", () => {
    expect(parseModelsBody('{"object":"list","data":[]}')).toEqual({ ok: true, ids: [] });
  });
});

describe("mergeLiveModels (live list × CUSTOM_MODELS)", () => {
  it("the live list replaces the defaults as the base", () => {
    expect(ids(LIVE, "")).toEqual(LIVE);
    expect(mergeLiveModels(LIVE, "", "").models.every((m) => m.listed)).toBe(true);
  });

  it("without a live list the configured list stands, with no listed flags", () => {
    const list = mergeLiveModels(null, "+qwen-max", "");
    expect(list.models.map((m) => m.id)).toEqual([...DEFAULT_MODELS.map((m) => m.id), "qwen-max"]);
    expect(list.models.some((m) => "listed" in m)).toBe(false);
  });

  it("+name adds a model the relay does not list, marked unlisted", () => {
    const list = mergeLiveModels(LIVE, "+my-alias", "");
    expect(list.models.at(-1)).toEqual({ id: "my-alias", listed: false });
  });

  it("-name hides a live model, name=Display renames one", () => {
    const list = mergeLiveModels(LIVE, "-claude-3-5-sonnet,qwen-max=通义千问 Max", "");
    expect(list.models.map((m) => m.id)).toEqual(["gpt-4o", "gpt-4o-mini", "gpt4-all", "qwen-max"]);
    expect(list.models.find((m) => m.id === "qwen-max")).toEqual({ id: "qwen-max", label: "通义千问 Max", listed: true });
    expect(list.restricted).toBe(false);
  });

  it("-all hides the live list too and restricts", () => {
    const list = mergeLiveModels(LIVE, "-all,+gpt-4o-mini", "");
    expect(list.models).toEqual([{ id: "gpt-4o-mini", listed: true }]);
    expect(list.restricted).toBe(true);
  });

  it("+all after -all brings the live list back, not the defaults", () => {
    expect(ids(LIVE, "-all,+all")).toEqual(LIVE);
  });

  it("DEFAULT_MODEL goes first, added when the relay does not list it", () => {
    expect(ids(LIVE, "", "qwen-max")[0]).toBe("qwen-max");
    expect(mergeLiveModels(LIVE, "", "o3@openai").models[0]).toEqual({ id: "o3", listed: false });
  });

  it("name@provider forms neither crash nor keep the provider", () => {
    expect(ids(LIVE, "-all,gpt-4o@azure=Azure GPT-4o,-qwen-max@ali,@,=")).toEqual(["gpt-4o"]);
  });

  it("an empty live list with nothing configured falls back to one model", () => {
    expect(ids([], "")).toEqual(["gpt-4o-mini"]);
  });
});
