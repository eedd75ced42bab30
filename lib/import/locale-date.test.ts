import { describe, expect, it } from "vitest";
import { parseLocaleDate } from "./locale-date";

const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();

describe("parseLocaleDate (NextChat's toLocaleString dates)", () => {
  it("reads the shapes browsers write", () => {
    expect(parseLocaleDate("2024/5/20 14:03:11")).toBe(local(2024, 5, 20, 14, 3, 11)); // zh-CN
    expect(parseLocaleDate("2024/5/20 下午2:03:11")).toBe(local(2024, 5, 20, 14, 3, 11)); // older zh-CN
    expect(parseLocaleDate("5/20/2024, 2:03:11 PM")).toBe(local(2024, 5, 20, 14, 3, 11)); // en-US
    expect(parseLocaleDate("5/20/2024, 12:03:11 AM")).toBe(local(2024, 5, 20, 0, 3, 11));
    expect(parseLocaleDate("20/05/2024, 14:03:11")).toBe(local(2024, 5, 20, 14, 3, 11)); // en-GB
    expect(parseLocaleDate("20.5.2024, 14:03:11")).toBe(local(2024, 5, 20, 14, 3, 11)); // de
    expect(parseLocaleDate("3.4.2024, 14:03:11")).toBe(local(2024, 4, 3, 14, 3, 11)); // de, both ≤ 12
    expect(parseLocaleDate("2024. 5. 20. 오후 2:03:11")).toBe(local(2024, 5, 20, 14, 3, 11)); // ko
    expect(parseLocaleDate("2024-05-20T06:03:11.000Z")).toBe(Date.UTC(2024, 4, 20, 6, 3, 11));
  });

  it("gives null for what it cannot read (NextChat writes \"\" for some messages)", () => {
    expect(parseLocaleDate("")).toBeNull();
    expect(parseLocaleDate("yesterday")).toBeNull();
    expect(parseLocaleDate("99/99/2024")).toBeNull();
  });
});
