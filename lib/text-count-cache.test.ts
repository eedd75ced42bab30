import { describe, expect, it } from "vitest";
import { createTextCountCache } from "./text-count-cache";

describe("createTextCountCache", () => {
  it("returns what was stored for the same text, even a different string instance", () => {
    const cache = createTextCountCache();
    cache.set("hello world", 2);
    expect(cache.get(["hello", "world"].join(" "))).toBe(2);
    expect(cache.has("hello world")).toBe(true);
  });

  it("misses an edited text, even of equal length", () => {
    const cache = createTextCountCache();
    cache.set("abc", 1);
    expect(cache.get("abd")).toBeUndefined();
  });

  it("is bounded and evicts the least recently used", () => {
    const cache = createTextCountCache(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.get("a")).toBe(1); // touch a: now b is the oldest
    cache.set("d", 4);
    expect(cache.size).toBe(3);
    expect(cache.has("b")).toBe(false);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("d")).toBe(4);
  });

  it("overwriting an entry does not grow the cache", () => {
    const cache = createTextCountCache(2);
    cache.set("a", 1);
    cache.set("a", 5);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe(5);
  });
});
