import { describe, expect, it } from "vitest";
import { readLanguageHint, writeLanguageHint } from "./language-hint";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe("language hint", () => {
  it("reads back what was written", () => {
    const storage = memoryStorage();
    expect(readLanguageHint(storage)).toBeNull();
    writeLanguageHint("zh-CN", storage);
    expect(readLanguageHint(storage)).toBe("zh-CN");
    writeLanguageHint("auto", storage);
    expect(readLanguageHint(storage)).toBe("auto");
  });

  it("ignores a value it does not know and a storage that throws", () => {
    expect(readLanguageHint({ getItem: () => "fr" })).toBeNull();
    expect(
      readLanguageHint({
        getItem: () => {
          throw new Error("blocked");
        },
      }),
    ).toBeNull();
    expect(() =>
      writeLanguageHint("en", {
        setItem: () => {
          throw new Error("full");
        },
      }),
    ).not.toThrow();
  });
});
