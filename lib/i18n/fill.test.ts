import { describe, expect, it } from "vitest";
import { choiceNames, countOf, fill, placeholderNames } from "./fill";

describe("fill", () => {
  it("puts values in, and leaves a placeholder without a value as written", () => {
    expect(fill("en", "{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("picks the singular for one and the plural for every other number, in English", () => {
    const text = "{count} {count|message|messages}";
    expect(fill("en", text, { count: 1 })).toBe("1 message");
    expect(fill("en", text, { count: 0 })).toBe("0 messages");
    expect(fill("en", text, { count: 2 })).toBe("2 messages");
    expect(fill("en", text, { count: 1.5 })).toBe("1.5 messages");
    // A verb agrees the same way.
    expect(fill("en", "{n} {n|is|are} left", { n: 1 })).toBe("1 is left");
    expect(fill("en", "{n} {n|is|are} left", { n: 3 })).toBe("3 are left");
  });

  it("reads a count already formatted for display", () => {
    expect(fill("en", "{t} {t|token|tokens}", { t: "1" })).toBe("1 token");
    expect(fill("en", "{t} {t|token|tokens}", { t: "4,096" })).toBe("4,096 tokens");
    expect(countOf("12 345")).toBe(12345);
    expect(countOf("n/a")).toBeNaN();
    expect(countOf("")).toBeNaN();
    expect(fill("en", "{t|token|tokens}", { t: "n/a" })).toBe("tokens");
  });

  it("follows the language's rules: Chinese has one form for every number", () => {
    expect(fill("zh-CN", "{n|一|多}", { n: 1 })).toBe("多");
  });

  it("tells the values a string shows apart from the ones it chooses by", () => {
    const text = "Delete {count|the|all} {count} {count|item|items} of {owner}";
    expect(placeholderNames(text)).toEqual(["count", "owner"]);
    expect(choiceNames(text)).toEqual(["count", "count"]);
  });
});
