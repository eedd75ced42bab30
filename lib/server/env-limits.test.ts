import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_REQUEST_MB, maxRequestMbVar, MAX_REQUEST_MB_CEILING, requestLimit, VERCEL_MAX_REQUEST_BYTES } from "./env-limits";

const MIB = 1024 * 1024;

describe("MAX_REQUEST_MB parts", () => {
  it("reads MiB from 1 to the ceiling, decimals allowed, blank as unset", () => {
    expect(maxRequestMbVar.parse("8")).toBe(8);
    expect(maxRequestMbVar.parse(" 1.5 ")).toBe(1.5);
    expect(maxRequestMbVar.parse(String(MAX_REQUEST_MB_CEILING))).toBe(MAX_REQUEST_MB_CEILING);
    expect(maxRequestMbVar.parse(" ")).toBeUndefined();
    for (const bad of ["0", "0.5", String(MAX_REQUEST_MB_CEILING + 1), "16m", "-4"]) expect(maxRequestMbVar.safeParse(bad).success).toBe(false);
  });

  it("turns MiB into bytes, the default when unset, and never above Vercel's limit there", () => {
    expect(requestLimit(undefined, false)).toBe(DEFAULT_MAX_REQUEST_MB * MIB);
    expect(requestLimit(1.5, false)).toBe(1.5 * MIB);
    expect(requestLimit(32, true)).toBe(VERCEL_MAX_REQUEST_BYTES);
    expect(requestLimit(undefined, true)).toBe(VERCEL_MAX_REQUEST_BYTES);
    expect(requestLimit(2, true)).toBe(2 * MIB);
  });
});
