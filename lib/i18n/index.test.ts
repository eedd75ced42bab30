import { describe, expect, it, vi } from "vitest";
import { hasDictionary, langFromBrowser, loadDictionary, subscribeDictionaries, translate } from "./index";
import { choiceNames, placeholderNames } from "./fill";
import { uiEn } from "./ui.en";
import { uiZhCN } from "./ui.zh-CN";

describe("ui i18n", () => {
  it("has every key in both languages", () => {
    expect(Object.keys(uiZhCN).sort()).toEqual(Object.keys(uiEn).sort());
    for (const [k, v] of Object.entries(uiZhCN)) expect(v, k).not.toBe("");
  });

  it("keeps the same {placeholders} in both languages", () => {
    const names = (s: string) => placeholderNames(s).sort();
    for (const key of Object.keys(uiEn) as (keyof typeof uiEn)[]) {
      expect(names(uiZhCN[key]), key).toEqual(names(uiEn[key]));
    }
  });

  it("makes every {count|one|other} choice by a value the string shows", () => {
    for (const dict of [uiEn, uiZhCN] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(dict)) {
        const shown = placeholderNames(text);
        for (const name of choiceNames(text)) expect(shown, key).toContain(name);
      }
    }
  });

  it("says 1 of a thing in the singular in English (no “1 messages”, “1 calls”)", () => {
    // A value followed by a word in -s, maybe after another word ("{count} earlier messages"),
    // is a plural written for every number. Verbs and words that merely end in s are not nouns.
    const notNouns = new Set(["is", "has", "was", "as", "this", "holds", "does"]);
    const wrong = Object.entries(uiEn).flatMap(([key, text]) =>
      [...text.matchAll(/\{\w+\} (?:[a-z]+ )?([a-z]+s)\b/gi)].filter((m) => !notNouns.has(m[1])).map((m) => `${key}: ${m[0]}`),
    );
    expect(wrong).toEqual([]);
    expect(Object.entries(uiEn).filter(([, text]) => text.includes("(s)")).map(([key]) => key)).toEqual([]);
    expect(translate("en", "preview.next", { count: 1 })).toBe("Next send: 1 message");
    expect(translate("en", "preview.next", { count: 5 })).toBe("Next send: 5 messages");
    expect(translate("en", "ledger.calls", { count: 1 })).toBe("1 call");
    expect(translate("en", "preview.trimmed", { count: 1, window: "8,192" })).toBe("1 older message does not fit the 8,192-token context window and is left out.");
    expect(translate("en", "trash.confirmEmpty", { count: 3 })).toMatch(/^Delete all 3 conversations in the trash/);
  });

  it("names Duplicate apart from Copy in Chinese (both sit beside 复制代码)", () => {
    expect(uiZhCN["prompts.duplicate"]).not.toContain("复制");
    expect(uiZhCN["prompts.duplicateLabel"]).not.toContain("复制");
    expect(uiZhCN["prompts.duplicate"]).not.toBe(uiZhCN["message.copy"]);
  });

  it("loads another language on demand, in English until then, and tells who listens", async () => {
    expect(hasDictionary("en")).toBe(true);
    expect(hasDictionary("zh-CN")).toBe(false);
    expect(translate("zh-CN", "access.locked", { seconds: 42 })).toContain("42 s");
    let told = 0;
    const stop = subscribeDictionaries(() => told++);
    await Promise.all([loadDictionary("zh-CN"), loadDictionary("zh-CN")]);
    stop();
    expect(told).toBe(1);
    expect(hasDictionary("zh-CN")).toBe(true);
    await loadDictionary("zh-CN");
    expect(told).toBe(1);
  });

  it("fills values and follows the browser language", async () => {
    await loadDictionary("zh-CN");
    expect(translate("en", "access.locked", { seconds: 42 })).toContain("42 s");
    expect(translate("zh-CN", "access.locked", { seconds: 42 })).toContain("42 秒");
    expect(langFromBrowser(["zh-TW", "en"])).toBe("zh-CN");
    expect(langFromBrowser(["en-US"])).toBe("en");
    expect(langFromBrowser(undefined)).toBe("en");
  });

  it("takes a dictionary the page carries, without a fetch, and tells listeners after the render", async () => {
    vi.resetModules();
    const fresh = await import("./index");
    let told = 0;
    const stop = fresh.subscribeDictionaries(() => told++);
    fresh.provideDictionary("zh-CN", uiZhCN);
    expect(fresh.hasDictionary("zh-CN")).toBe(true);
    expect(fresh.translate("zh-CN", "access.submit")).toBe("进入");
    expect(told).toBe(0);
    await Promise.resolve();
    expect(told).toBe(1);
    // Already in memory: neither a second copy nor a fetch changes anything.
    fresh.provideDictionary("zh-CN", { ...uiZhCN, "access.submit": "x" });
    await fresh.loadDictionary("zh-CN");
    await Promise.resolve();
    expect(fresh.translate("zh-CN", "access.submit")).toBe("进入");
    expect(told).toBe(1);
    stop();
  });
});
