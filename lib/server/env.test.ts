import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { digestCode, EnvError, parseEnv, parseListenConfig } from "./env";

describe("parseEnv", () => {
  it("works with an empty environment (build time, first boot)", () => {
    const env = parseEnv({});
    expect(env.baseUrl).toBe("https://api.openai.com");
    expect(env.upstreamConfigured).toBe(false);
    expect(env.apiKey()).toBeUndefined();
    expect(env.codeRequired).toBe(false);
    expect(env.trustProxyHops).toBe(0);
    expect(env.accessMaxFailures).toBe(10);
    expect(env.accessWindowMs).toBe(600_000);
    expect(env.requestTimeoutMs).toBe(300_000);
    expect(env.firstBytePingMs).toBe(3000);
    expect(env.pingIntervalMs).toBe(10_000);
    expect(env.outboundProxy).toBeNull();
    expect(env.hideUserApiKey).toBe(false);
    expect(env.disableModelTitle).toBe(false);
    expect(env.redis).toBeNull();
  });

  it("treats blank values as unset", () => {
    const env = parseEnv({ CODE: " ", OPENAI_API_KEY: "", ACCESS_MAX_FAILURES: "", BASE_URL: "  " });
    expect(env.codeRequired).toBe(false);
    expect(env.upstreamConfigured).toBe(false);
    expect(env.accessMaxFailures).toBe(10);
    expect(env.baseUrl).toBe("https://api.openai.com");
  });

  it("normalises BASE_URL in every accepted form", () => {
    expect(parseEnv({ BASE_URL: "https://relay.example.com/v1/" }).baseUrl).toBe("https://relay.example.com");
    expect(parseEnv({ BASE_URL: "http://127.0.0.1:8787/v1/chat/completions" }).baseUrl).toBe("http://127.0.0.1:8787");
  });

  it("keeps an endpoint's own version path (…/api/paas/v4, …/v1beta/openai), in a list too", () => {
    const env = parseEnv({ BASE_URL: "https://open.bigmodel.cn/api/paas/v4/,https://generativelanguage.googleapis.com/v1beta/openai/chat/completions" });
    expect(env.baseUrls).toEqual(["https://open.bigmodel.cn/api/paas/v4", "https://generativelanguage.googleapis.com/v1beta/openai"]);
  });

  it("reads BASE_URL as a comma-separated list of endpoints, each in any accepted form", () => {
    const env = parseEnv({ BASE_URL: " https://direct.example.com/v1/ , cdn.example.com/v1/chat/completions,http://10.0.0.5:8080/relay/v1,https://direct.example.com" });
    expect(env.baseUrls).toEqual(["https://direct.example.com", "https://cdn.example.com", "http://10.0.0.5:8080/relay"]);
    expect(env.baseUrl).toBe("https://direct.example.com");
    expect(parseEnv({}).baseUrls).toEqual(["https://api.openai.com"]);
    expect(parseEnv({ BASE_URL: "https://relay.example.com," }).baseUrls).toEqual(["https://relay.example.com"]);
  });

  it("names the bad endpoint of a list without echoing it", () => {
    expect(() => parseEnv({ BASE_URL: "https://ok.example.com,ftp://user:hunter2@h" })).toThrow("BASE_URL (endpoint 2): must start with http:// or https://");
    expect(() => parseEnv({ BASE_URL: "https://ok.example.com,ftp://user:hunter2@h" })).not.toThrow("hunter2");
  });

  it("keeps the failover header timeout below the first ping", () => {
    expect(parseEnv({}).failoverHeaderTimeoutMs).toBe(2000);
    expect(parseEnv({}).failoverCooldownMs).toBe(60_000);
    expect(parseEnv({ FIRST_BYTE_PING_MS: "300" }).failoverHeaderTimeoutMs).toBe(200);
    expect(parseEnv({ FIRST_BYTE_PING_MS: "0" }).failoverHeaderTimeoutMs).toBe(0);
    expect(parseEnv({ FAILOVER_HEADER_TIMEOUT_MS: "0" }).failoverHeaderTimeoutMs).toBe(0);
    expect(parseEnv({ FAILOVER_HEADER_TIMEOUT_MS: "2500", FAILOVER_COOLDOWN_MS: "5000" })).toMatchObject({ failoverHeaderTimeoutMs: 2500, failoverCooldownMs: 5000 });
    expect(() => parseEnv({ FAILOVER_HEADER_TIMEOUT_MS: "3000" })).toThrow("FAILOVER_HEADER_TIMEOUT_MS: must be shorter than FIRST_BYTE_PING_MS (3000)");
  });

  it("stores codes only as digests", () => {
    const env = parseEnv({ CODE: "secret1, secret2,," });
    expect(env.codeRequired).toBe(true);
    expect(env.codeDigests).toHaveLength(2);
    expect(env.codeDigests[0].equals(digestCode("secret1"))).toBe(true);
    expect(JSON.stringify(env)).not.toContain("secret1");
  });

  it("hides the key behind a function and rotates several keys", () => {
    const env = parseEnv({ OPENAI_API_KEY: "sk-a,sk-b" });
    expect(env.upstreamConfigured).toBe(true);
    expect([env.apiKey(), env.apiKey(), env.apiKey()]).toEqual(["sk-a", "sk-b", "sk-a"]);
    expect(JSON.stringify(env)).not.toContain("sk-a");
  });

  it("parses numbers and booleans", () => {
    const env = parseEnv({
      ACCESS_MAX_FAILURES: "3",
      ACCESS_WINDOW_MS: "60000",
      FIRST_BYTE_PING_MS: "0",
      PING_INTERVAL_MS: "200",
      HIDE_USER_API_KEY: "true",
      DISABLE_MODEL_TITLE: "1",
    });
    expect(env.accessMaxFailures).toBe(3);
    expect(env.accessWindowMs).toBe(60_000);
    expect(env.firstBytePingMs).toBe(0);
    expect(env.pingIntervalMs).toBe(200);
    expect(env.hideUserApiKey).toBe(true);
    expect(env.disableModelTitle).toBe(true);
  });

  it.each([
    ["1", 1],
    ["true", 1],
    ["TRUE", 1],
    ["0", 0],
    ["false", 0],
    ["2", 2],
  ])("TRUST_PROXY=%s trusts %i hop(s)", (value, hops) => {
    expect(parseEnv({ TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it("trusts one hop on Vercel unless TRUST_PROXY says otherwise", () => {
    expect(parseEnv({ VERCEL: "1" }).trustProxyHops).toBe(1);
    expect(parseEnv({ VERCEL: "1", TRUST_PROXY: "0" }).trustProxyHops).toBe(0);
  });

  it("reads proxy variables in upper or lower case", () => {
    expect(parseEnv({ https_proxy: "http://proxy:3128", no_proxy: "localhost" }).outboundProxy).toEqual({
      httpsProxy: "http://proxy:3128",
      noProxy: "localhost",
    });
    expect(parseEnv({ NO_PROXY: "localhost" }).outboundProxy).toBeNull();
  });

  it.each([
    ["ACCESS_MAX_FAILURES", "ten"],
    ["ACCESS_MAX_FAILURES", "0"],
    ["ACCESS_WINDOW_MS", "-5"],
    ["REQUEST_TIMEOUT_MS", "1.5"],
    ["PING_INTERVAL_MS", "10"],
    ["TRUST_PROXY", "maybe"],
    ["HIDE_USER_API_KEY", "sure"],
    ["HTTPS_PROXY", "not a url"],
    ["BASE_URL", "ftp://files.example.com"],
    ["FAILOVER_HEADER_TIMEOUT_MS", "soon"],
    ["FAILOVER_COOLDOWN_MS", "10"],
    ["OPENAI_API_KEY", "sk-abc def"],
    ["OPENAI_API_KEY", "sk-ok,sk-ü"],
    ["REDIS_URL", "localhost:6379"],
    ["REDIS_URL", "http://redis:6379"],
    ["REDIS_URL", "redis://"],
  ])("rejects %s=%s with a message naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(name);
  });

  it("lists every bad variable at once and never echoes secrets or BASE_URL", () => {
    let message = "";
    try {
      parseEnv({ ACCESS_MAX_FAILURES: "x", PING_INTERVAL_MS: "y", BASE_URL: "ftp://user:hunter2@h", CODE: "c0de", OPENAI_API_KEY: "sk-le ak" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("ACCESS_MAX_FAILURES");
    expect(message).toContain("PING_INTERVAL_MS");
    expect(message).toContain("BASE_URL");
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("c0de");
    expect(message).toContain("OPENAI_API_KEY");
    expect(message).not.toContain("sk-le");
  });
});

describe("REDIS_URL", () => {
  it("accepts redis:// and rediss:// and keeps the password out of the parsed object", () => {
    const env = parseEnv({ REDIS_URL: "rediss://default:hunter2@eu1-fine-cat-12345.upstash.io:6379" });
    expect(env.redis?.url()).toBe("rediss://default:hunter2@eu1-fine-cat-12345.upstash.io:6379");
    expect(env.redis?.label).toBe("rediss://eu1-fine-cat-12345.upstash.io:6379");
    expect(JSON.stringify(env)).not.toContain("hunter2");
    expect(parseEnv({ REDIS_URL: " redis://127.0.0.1:6380/2 " }).redis?.label).toBe("redis://127.0.0.1:6380/2");
    expect(parseEnv({ REDIS_URL: "" }).redis).toBeNull();
  });

  it("never echoes a bad REDIS_URL (it may hold a password)", () => {
    expect(() => parseEnv({ REDIS_URL: "redis//:hunter2@host" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ REDIS_URL: "redis//:hunter2@host" })).not.toThrow(/hunter2/);
  });
});

describe("MODEL_CAPABILITIES", () => {
  it("reads per-model defaults, blank as none", () => {
    expect(parseEnv({}).modelCapabilities).toEqual({});
    expect(parseEnv({ MODEL_CAPABILITIES: " " }).modelCapabilities).toEqual({});
    expect(parseEnv({ MODEL_CAPABILITIES: '{"gpt4-all":{"vision":true,"contextWindow":128000,"inputPrice":2.5}}' }).modelCapabilities).toEqual({ "gpt4-all": { vision: true, contextWindow: 128000, inputPrice: 2.5 } });
  });

  it.each(["not json", '["x"]', '{"a":{"vision":"yes"}}', '{"a":{"Vision":true}}', '{"a":{"contextWindow":-1}}'])("refuses %s naming the variable", (value) => {
    expect(() => parseEnv({ MODEL_CAPABILITIES: value })).toThrow(/MODEL_CAPABILITIES/);
  });
});

describe("MAX_REQUEST_MB (the request body limit the proxy and the page keep to)", () => {
  it("is 16 MiB by default, in MiB like nginx's client_max_body_size, decimals allowed", () => {
    expect(parseEnv({}).maxRequestBytes).toBe(16 * 1024 * 1024);
    expect(parseEnv({ MAX_REQUEST_MB: "8" }).maxRequestBytes).toBe(8 * 1024 * 1024);
    expect(parseEnv({ MAX_REQUEST_MB: "1.5" }).maxRequestBytes).toBe(1.5 * 1024 * 1024);
    expect(parseEnv({ MAX_REQUEST_MB: " " }).maxRequestBytes).toBe(16 * 1024 * 1024);
  });

  it("stays under Vercel's 4.5 MB there, whatever it is set to", () => {
    expect(parseEnv({ VERCEL: "1" }).maxRequestBytes).toBe(4 * 1024 * 1024);
    expect(parseEnv({ VERCEL: "1", MAX_REQUEST_MB: "32" }).maxRequestBytes).toBe(4 * 1024 * 1024);
    expect(parseEnv({ VERCEL: "1", MAX_REQUEST_MB: "2" }).maxRequestBytes).toBe(2 * 1024 * 1024);
  });

  it.each(["0", "0.5", "33", "16m", "-4", "lots"])("refuses %s naming the variable and the range", (value) => {
    expect(() => parseEnv({ MAX_REQUEST_MB: value })).toThrow(/MAX_REQUEST_MB: must be/);
  });
});

describe("digestCode", () => {
  it("is the SHA-256 of the code's UTF-8 bytes", () => {
    for (const code of ["secret1", "访问码", ""]) expect(digestCode(code).equals(createHash("sha256").update(code, "utf8").digest())).toBe(true);
  });
});

describe("parseListenConfig (the standalone server's address)", () => {
  it("defaults like Next's server.js: port 3000 on 0.0.0.0, Node's keep-alive timeout", () => {
    expect(parseListenConfig({})).toEqual({ port: 3000, hostname: "0.0.0.0", keepAliveTimeoutMs: undefined });
    expect(parseListenConfig({ PORT: " ", HOSTNAME: "" })).toEqual({ port: 3000, hostname: "0.0.0.0", keepAliveTimeoutMs: undefined });
  });

  it("reads PORT, HOSTNAME and KEEP_ALIVE_TIMEOUT", () => {
    expect(parseListenConfig({ PORT: "8080", HOSTNAME: "127.0.0.1", KEEP_ALIVE_TIMEOUT: "65000" })).toEqual({ port: 8080, hostname: "127.0.0.1", keepAliveTimeoutMs: 65000 });
    expect(parseListenConfig({ PORT: "0" }).port).toBe(0);
  });

  it.each([["PORT", "http"], ["PORT", "70000"], ["PORT", "-1"], ["KEEP_ALIVE_TIMEOUT", "soon"]])("refuses %s=%s naming it", (name, value) => {
    expect(() => parseListenConfig({ [name]: value })).toThrow(EnvError);
    expect(() => parseListenConfig({ [name]: value })).toThrow(name);
  });
});
