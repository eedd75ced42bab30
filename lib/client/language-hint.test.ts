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
    writeLanguageHint("zh-CN", storage, null);
    expect(readLanguageHint(storage)).toBe("zh-CN");
    writeLanguageHint("auto", storage, null);
    expect(readLanguageHint(storage)).toBe("auto");
  });

  it("puts a chosen language in a cookie for the server's first screen, and takes it out for the browser's", () => {
    const storage = memoryStorage();
    const jar = { cookie: "" };
    writeLanguageHint("zh-CN", storage, jar);
    expect(jar.cookie).toBe(`relaychat-language=zh-CN; Path=/; Max-Age=${365 * 24 * 3600}; SameSite=Lax`);
    writeLanguageHint("auto", storage, jar);
    expect(jar.cookie).toBe("relaychat-language=; Path=/; Max-Age=0; SameSite=Lax");
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
      writeLanguageHint(
        "en",
        {
          setItem: () => {
            throw new Error("full");
          },
        },
        null,
      ),
    ).not.toThrow();
  });
});
