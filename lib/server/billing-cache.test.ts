import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { BillingCache } from "./billing-cache";
import type { RelayResult } from "./relay";

const ok = (body: string): RelayResult<never> => ({ status: 200, headers: {}, body });

describe("BillingCache", () => {
  it("asks the relay at most once a minute per key, sharing a call in flight", async () => {
    let t = 0;
    const cache = new BillingCache(60_000, () => t);
    let calls = 0;
    const run = async () => ok(String(++calls));
    const [a, b] = await Promise.all([cache.get("sub", run), cache.get("sub", run)]);
    expect([a.body, b.body]).toEqual(["1", "1"]);
    t = 59_999;
    expect((await cache.get("sub", run)).body).toBe("1");
    expect((await cache.get("usage", run)).body).toBe("2");
    t = 60_000;
    expect((await cache.get("sub", run)).body).toBe("3");
  });

  it("keeps a relay's error answer for the minute, but not an unreachable relay", async () => {
    const cache = new BillingCache(60_000, () => 0);
    let calls = 0;
    const refuse = async (): Promise<RelayResult<never>> => {
      calls++;
      throw new AppError({ code: "upstream_quota", status: 402, message: "quota" });
    };
    await expect(cache.get("sub", refuse)).rejects.toMatchObject({ code: "upstream_quota" });
    await expect(cache.get("sub", refuse)).rejects.toMatchObject({ code: "upstream_quota" });
    expect(calls).toBe(1);
    const down = async (): Promise<RelayResult<never>> => {
      calls++;
      throw new AppError({ code: "upstream_unreachable", status: 502, message: "down" });
    };
    await expect(cache.get("usage", down)).rejects.toMatchObject({ code: "upstream_unreachable" });
    await Promise.resolve();
    await expect(cache.get("usage", down)).rejects.toMatchObject({ code: "upstream_unreachable" });
    expect(calls).toBe(3);
  });
});
