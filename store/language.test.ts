import { afterEach, describe, expect, it, vi } from "vitest";

/** A browser stand-in: its languages can change, and it fires `languagechange` like a browser. */
function stubBrowser(languages: string[]) {
  const target = new EventTarget();
  const nav = { languages };
  const reads = vi.fn(() => nav.languages);
  vi.stubGlobal("navigator", Object.defineProperty({}, "languages", { get: reads }));
  vi.stubGlobal("window", target);
  return { reads, change: (next: string[]) => ((nav.languages = next), target.dispatchEvent(new Event("languagechange"))) };
}

describe("resolvedLanguage with the setting on auto", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("reads the browser's languages once, and again only after they change", async () => {
    const browser = stubBrowser(["zh-CN", "en"]);
    const { resolvedLanguage } = await import("./language");
    const { useSettings } = await import("./settings");
    useSettings.setState({ language: "auto" });
    expect(resolvedLanguage()).toBe("zh-CN");
    expect(resolvedLanguage()).toBe("zh-CN");
    expect(browser.reads).toHaveBeenCalledTimes(1);
    browser.change(["en-GB"]);
    expect(resolvedLanguage()).toBe("en");
    expect(browser.reads).toHaveBeenCalledTimes(2);
    useSettings.setState({ language: "zh-CN" });
    expect(resolvedLanguage()).toBe("zh-CN");
  });
});
