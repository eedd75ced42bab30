import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { allowedModels, assertModelAllowed } from "./model-policy";
import { proxyResponse } from "./proxy";

const body = (model: string) => new Blob([JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] })]).stream();
const headers = new Headers({ "content-type": "application/json" });

describe("model policy", () => {
  it("restricts only with a standing -all", () => {
    expect(allowedModels(parseEnv({ CUSTOM_MODELS: "-gpt-4o" }))).toBeNull();
    expect(allowedModels(parseEnv({ CUSTOM_MODELS: "-all,+all" }))).toBeNull();
    expect([...allowedModels(parseEnv({ CUSTOM_MODELS: "-all,+gpt-4o-mini,qwen-max=Qwen", DEFAULT_MODEL: "o3" }))!]).toEqual(["o3", "gpt-4o-mini", "qwen-max"]);
  });

  it("refuses a typed name outside the list with model_not_allowed, naming it", () => {
    const env = parseEnv({ CUSTOM_MODELS: "-all,+gpt-4o-mini" });
    expect(() => assertModelAllowed("gpt-4o-mini", env)).not.toThrow();
    for (const typed of ["gpt-4o", "GPT-4O-MINI", "gpt-4o-mini@openai"]) {
      expect(() => assertModelAllowed(typed, env)).toThrowError(expect.objectContaining({ code: "model_not_allowed", status: 403, model: typed }));
    }
    expect(() => assertModelAllowed("anything-goes", parseEnv({ CUSTOM_MODELS: "+x" }))).not.toThrow();
  });

  it("the route handler's path refuses before any upstream call", async () => {
    // Nothing listens on port 9: an allowed model gets as far as the upstream and fails to connect.
    const env = parseEnv({ BASE_URL: "http://127.0.0.1:9", OPENAI_API_KEY: "sk-x", CUSTOM_MODELS: "-all,+gpt-4o-mini" });
    const refused = await proxyResponse({ method: "POST", segments: ["v1", "chat", "completions"], search: "", headers, body: body("gpt-4o") }, env);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "model_not_allowed", model: "gpt-4o" });
    const passed = await proxyResponse({ method: "POST", segments: ["v1", "chat", "completions"], search: "", headers, body: body("gpt-4o-mini") }, env);
    expect((await passed.json()).error.code).toBe("upstream_unreachable");
  });
});
