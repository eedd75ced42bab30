import { describe, expect, it } from "vitest";
import { redactRedisUrl, redisConfig, redisUrlVar } from "./env-redis";

describe("REDIS_URL parts", () => {
  it("redactRedisUrl drops user and password", () => {
    expect(redactRedisUrl("redis://user:p%40ss@10.0.0.5:6379/0")).toBe("redis://10.0.0.5:6379/0");
    expect(redactRedisUrl("redis://:pw@redis")).toBe("redis://redis");
  });

  it("keeps the full URL behind a function and only the redacted one as data", () => {
    const config = redisConfig("rediss://default:hunter2@cache.example:6379");
    expect(config.url()).toBe("rediss://default:hunter2@cache.example:6379");
    expect(JSON.stringify(config)).toBe('{"label":"rediss://cache.example:6379"}');
  });

  it("accepts redis:// and rediss:// URLs with a host, blank as unset, and refuses the rest without echoing them", () => {
    expect(redisUrlVar.parse(" redis://127.0.0.1:6380/2 ")).toBe("redis://127.0.0.1:6380/2");
    expect(redisUrlVar.parse("")).toBeUndefined();
    for (const bad of ["http://host:6379", "redis//:hunter2@host", "redis://"]) {
      const result = redisUrlVar.safeParse(bad);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain("hunter2");
    }
  });
});
