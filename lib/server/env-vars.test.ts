import { describe, expect, it } from "vitest";
import { boolVar, intVar, splitList, text, trustProxyVar } from "./env-vars";

describe("environment variable readers", () => {
  it("treats blank as unset and trims text", () => {
    expect(text.parse("  ")).toBeUndefined();
    expect(text.parse(" gpt-4o ")).toBe("gpt-4o");
  });

  it("reads whole numbers with a floor and a default", () => {
    const v = intVar(3000, 50);
    expect(v.parse(undefined)).toBe(3000);
    expect(v.parse(" 60 ")).toBe(60);
    expect(v.safeParse("49").success).toBe(false);
    expect(v.safeParse("1.5").success).toBe(false);
  });

  it("reads booleans and proxy hop counts in their usual spellings", () => {
    expect(boolVar.parse("Yes")).toBe(true);
    expect(boolVar.parse("off")).toBe(false);
    expect(boolVar.safeParse("maybe").success).toBe(false);
    expect(trustProxyVar.parse("true")).toBe(1);
    expect(trustProxyVar.parse("2")).toBe(2);
    expect(trustProxyVar.parse("no")).toBe(0);
  });

  it("splits comma-separated lists, dropping empty items", () => {
    expect(splitList(" a, b ,,c ")).toEqual(["a", "b", "c"]);
    expect(splitList(undefined)).toEqual([]);
  });
});
