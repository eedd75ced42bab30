import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { withConfigRetries, worthRetrying } from "./config-retry";

const network = () => new AppError({ code: "network", status: 0, message: "Request failed: TypeError: Failed to fetch" });
const offline = () => new AppError({ code: "offline", status: 0, message: "The browser is offline" });
const badGateway = () => new AppError({ code: "upstream_html", status: 502, message: "Bad Gateway" });
const refused = () => new AppError({ code: "access_code_invalid", status: 401, message: "no" });

/** An `ask` that fails with each of `failures` in turn, then answers "config". */
function asker(failures: Error[]) {
  let calls = 0;
  const ask = async () => {
    const failure = failures[calls++];
    if (failure) throw failure;
    return "config";
  };
  return { ask, calls: () => calls };
}

describe("withConfigRetries", () => {
  it("asks again after a dropped connection or a proxy's 502, pausing as told", async () => {
    const waits: number[] = [];
    const { ask, calls } = asker([network(), badGateway()]);
    await expect(withConfigRetries(ask, [10, 20, 30], async (ms) => void waits.push(ms))).resolves.toBe("config");
    expect(calls()).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it("gives up after the last pause with the last error", async () => {
    const last = network();
    const { ask, calls } = asker([network(), network(), last]);
    await expect(withConfigRetries(ask, [1, 1], async () => undefined)).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it("answers offline and the server's own refusals at once", async () => {
    for (const err of [offline(), refused(), new Error("a bug")]) {
      const { ask, calls } = asker([err]);
      await expect(withConfigRetries(ask, [1, 1, 1], async () => undefined)).rejects.toBe(err);
      expect(calls()).toBe(1);
    }
  });

  it("retries exactly network failures and gateway statuses", () => {
    expect([network(), badGateway(), offline(), refused()].map(worthRetrying)).toEqual([true, true, false, false]);
    expect(worthRetrying(new AppError({ code: "upstream_timeout", status: 504, message: "" }))).toBe(true);
  });
});
