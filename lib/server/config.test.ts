import { describe, expect, it } from "vitest";
import { buildServerConfig } from "./config";
import { parseEnv } from "./env";

describe("buildServerConfig", () => {
  it("reports what the page needs and nothing secret", () => {
    const config = buildServerConfig(
      parseEnv({ OPENAI_API_KEY: "sk-hidden", CODE: "c0de", CUSTOM_MODELS: "-all,a,b=Bee", DEFAULT_MODEL: "b", HIDE_USER_API_KEY: "1" }),
    );
    expect(config).toMatchObject({
      codeRequired: true,
      upstreamConfigured: true,
      allowUserApiKey: false,
      allowModelTitle: true,
      balanceQuery: false,
      models: [{ id: "b", label: "Bee" }, { id: "a" }],
      defaultModel: "b",
      defaults: { titleMode: "local", historyCount: expect.any(Number), temperature: expect.any(Number), max_tokens: expect.any(Number) },
    });
    const text = JSON.stringify(config);
    expect(text).not.toContain("sk-hidden");
    expect(text).not.toContain("c0de");
  });

  it("works with an empty environment", () => {
    const config = buildServerConfig(parseEnv({}));
    expect(config.codeRequired).toBe(false);
    expect(config.upstreamConfigured).toBe(false);
    expect(config.allowUserApiKey).toBe(true);
    expect(config.models[0].id).toBe(config.defaultModel);
  });

  it("says whether the server key's balance may be shown (ENABLE_BALANCE_QUERY)", () => {
    expect(buildServerConfig(parseEnv({ ENABLE_BALANCE_QUERY: "1" })).balanceQuery).toBe(true);
    expect(buildServerConfig(parseEnv({ ENABLE_BALANCE_QUERY: "0" })).balanceQuery).toBe(false);
  });

  it("tells the page the request body limit, lower on Vercel", () => {
    expect(buildServerConfig(parseEnv({})).maxRequestBytes).toBe(16 * 1024 * 1024);
    expect(buildServerConfig(parseEnv({ MAX_REQUEST_MB: "2" })).maxRequestBytes).toBe(2 * 1024 * 1024);
    expect(buildServerConfig(parseEnv({ VERCEL: "1" })).maxRequestBytes).toBe(4 * 1024 * 1024);
  });
});
