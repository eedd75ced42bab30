import { describe, expect, it } from "vitest";
import { formatCallTime, formatDuration } from "./ledger-format";

describe("formatDuration", () => {
  it("shows milliseconds below a second and seconds with one decimal above", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(412.6)).toBe("413 ms");
    expect(formatDuration(999)).toBe("999 ms");
    expect(formatDuration(1000)).toBe("1.0 s");
    expect(formatDuration(12_345)).toBe("12.3 s");
  });

  it("shows a dash for a duration that was not measured", () => {
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatCallTime", () => {
  // Built from local time parts, so the text is the same in every time zone the tests run in.
  const at = new Date(2026, 11, 1, 9, 41, 19).getTime();

  it("gives day and time to the second in each UI language", () => {
    expect(formatCallTime(at, "en")).toBe("12/01, 09:41:19 AM");
    expect(formatCallTime(at, "zh-CN")).toBe("12/01 09:41:19");
  });
});
