import { describe, expect, it } from "vitest";
import { firstScreenLang, firstScreenPath, holdFirstScreenHeaders, isFirstScreenRequest } from "./first-screen";

describe("first screen", () => {
  it("serves the chat shell in the browser's language when no code is needed", () => {
    expect(firstScreenPath({ codeRequired: false, chosen: null, acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("/start/zh-CN");
    expect(firstScreenPath({ codeRequired: false, chosen: null, acceptLanguage: "en-US,en;q=0.9" })).toBe("/start/en");
    expect(firstScreenPath({ codeRequired: false, chosen: null, acceptLanguage: null })).toBe("/start/en");
  });

  it("prefers the language chosen in Settings (its cookie) to the browser's", () => {
    expect(firstScreenPath({ codeRequired: false, chosen: "zh-CN", acceptLanguage: "en-US" })).toBe("/start/zh-CN");
    expect(firstScreenPath({ codeRequired: false, chosen: "en", acceptLanguage: "zh-CN" })).toBe("/start/en");
    expect(firstScreenPath({ codeRequired: false, chosen: "fr", acceptLanguage: "zh-CN" })).toBe("/start/zh-CN");
  });

  it("keeps the waiting page when an access code is needed", () => {
    expect(firstScreenPath({ codeRequired: true, chosen: "zh-CN", acceptLanguage: "zh-CN" })).toBeNull();
  });

  it("reads Accept-Language by weight, then order, and ignores what it cannot read", () => {
    expect(firstScreenLang("en;q=0.5, zh-TW;q=0.8")).toBe("zh-CN");
    expect(firstScreenLang("zh-HK, en")).toBe("zh-CN");
    expect(firstScreenLang("en, zh-CN")).toBe("en");
    expect(firstScreenLang("*, zh;q=0.1")).toBe("zh-CN");
    expect(firstScreenLang("zh;q=0, en;q=0.2")).toBe("en");
    expect(firstScreenLang("zh;q=abc")).toBe("en");
    expect(firstScreenLang("")).toBe("en");
    expect(firstScreenLang(" , ;q=1")).toBe("en");
    expect(firstScreenLang("x".repeat(5000))).toBe("en");
  });
});

describe("the first screen's caching headers", () => {
  function response() {
    const headers = new Map<string, unknown>();
    return { headers, setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), value) };
  }

  it("applies to GET and HEAD of / only", () => {
    expect(isFirstScreenRequest("GET", "/")).toBe(true);
    expect(isFirstScreenRequest("HEAD", "/?utm=1")).toBe(true);
    expect(isFirstScreenRequest("POST", "/")).toBe(false);
    // The per-language pages name one build's scripts too (reachable directly, and what "/" rewrites to).
    expect(isFirstScreenRequest("GET", "/start/en")).toBe(true);
    expect(isFirstScreenRequest("HEAD", "/start/zh-CN?x=1")).toBe(true);
    expect(isFirstScreenRequest("GET", "/start/fr")).toBe(false);
    expect(isFirstScreenRequest("GET", "/start/en/extra")).toBe(false);
    expect(isFirstScreenRequest("GET", "/?")).toBe(true);
    expect(isFirstScreenRequest(undefined, "/")).toBe(false);
    expect(isFirstScreenRequest("GET", "/api/config")).toBe(false);
  });

  it("replaces Next's year-long shared caching and adds what chose the page to Vary", () => {
    const res = response();
    holdFirstScreenHeaders(res);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("vary")).toBe("Accept-Language, Cookie");
    res.setHeader("Cache-Control", "s-maxage=31536000");
    res.setHeader("Vary", "rsc, next-router-state-tree");
    res.setHeader("ETag", '"abc"');
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("vary")).toBe("rsc, next-router-state-tree, Accept-Language, Cookie");
    expect(res.headers.get("etag")).toBe('"abc"');
    // Next appends to Vary with a list that already holds what was set; compression adds its own.
    res.setHeader("Vary", ["Accept-Language, Cookie", "rsc", "next-router-state-tree"]);
    expect(res.headers.get("vary")).toBe("Accept-Language, Cookie, rsc, next-router-state-tree");
    res.setHeader("Vary", "Accept-Language, Cookie, rsc, next-router-state-tree, accept-encoding");
    expect(res.headers.get("vary")).toBe("Accept-Language, Cookie, rsc, next-router-state-tree, accept-encoding");
  });
});
