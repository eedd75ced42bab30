import { describe, expect, it, vi } from "vitest";
import { hasDictionary, langFromBrowser, loadDictionary, subscribeDictionaries, translate } from "./index";
import { uiEn } from "./ui.en";
import { uiZhCN } from "./ui.zh-CN";

describe("ui i18n", () => {
  it("has every key in both languages", () => {
    expect(Object.keys(uiZhCN).sort()).toEqual(Object.keys(uiEn).sort());
    for (const [k, v] of Object.entries(uiZhCN)) expect(v, k).not.toBe("");
  });

  it("keeps the same {placeholders} in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(uiEn) as (keyof typeof uiEn)[]) {
      expect(names(uiZhCN[key]), key).toEqual(names(uiEn[key]));
    }
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
