import { describe, expect, it } from "vitest";
import { describeError, errorSentences, failedInBrowser, fixedByReconnecting, joinSentences } from "./error-hints";
import { ERROR_CODES, type ErrorCode, type ErrorInfo } from "../errors";

const info = (code: ErrorCode): ErrorInfo => ({ code, status: 500, message: "x" });
const HAN = /[\u4e00-\u9fff]/;

describe("describeError", () => {
  it.each(ERROR_CODES)("%s has non-empty, distinct English and Chinese text", (code) => {
    const en = describeError(info(code), "en");
    const zh = describeError(info(code), "zh-CN");
    expect(en.title.trim()).not.toBe("");
    expect(en.hint.trim().length).toBeGreaterThan(20);
    expect(zh.title.trim()).not.toBe("");
    expect(zh.hint.trim().length).toBeGreaterThan(10);
    expect(zh.title).not.toBe(en.title);
    expect(zh.hint).not.toBe(en.hint);
    expect(zh.hint).toMatch(HAN);
    expect(en.hint).not.toMatch(HAN);
  });

  it("gives each code its own hint (no copy-paste between codes)", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const hints = ERROR_CODES.map((c) => describeError(info(c), lang).hint);
      expect(new Set(hints).size).toBe(ERROR_CODES.length);
    }
  });

  it("names the concrete fix for the common relay problems", () => {
    expect(describeError(info("upstream_auth"), "en").hint).toContain("OPENAI_API_KEY");
    expect(describeError(info("upstream_not_found"), "en").hint).toContain("/v1");
    expect(describeError(info("upstream_not_found"), "zh-CN").hint).toContain("/v1");
    expect(describeError(info("upstream_html"), "en").hint).toContain("BASE_URL");
    expect(describeError(info("max_tokens_too_large"), "zh-CN").hint).toContain("max_tokens");
    expect(describeError(info("upstream_quota"), "zh-CN").hint).toContain("充值");
  });

  it("tells the key's own quota from the account's balance, and CORS from an unreachable endpoint", () => {
    expect(describeError(info("upstream_token_quota"), "en").hint).toMatch(/limit set on the key itself/);
    expect(describeError(info("upstream_token_quota"), "zh-CN").hint).toContain("令牌页面");
    expect(describeError(info("upstream_quota"), "en").hint).toMatch(/Top up/);
    expect(describeError(info("upstream_quota"), "zh-CN").hint).toContain("充值");
    for (const lang of ["en", "zh-CN"] as const) {
      expect(describeError(info("direct_cors"), lang).hint).toContain("CORS");
    }
    // The server's hint would be wrong here: in own-key mode the browser made the call.
    expect(describeError(info("direct_cors"), "en").hint).not.toMatch(/server could not connect/i);
    expect(describeError(info("direct_unreachable"), "en").hint).not.toMatch(/server could not connect/i);
  });

  it("falls back to the unknown text for a code this build does not know", () => {
    const future = { code: "brand_new_code", status: 500, message: "x" } as unknown as ErrorInfo;
    expect(describeError(future, "en")).toEqual(describeError(info("unknown"), "en"));
  });
});

const offline: ErrorInfo = { code: "offline", status: 0, message: "The browser is offline", upstreamMessage: "TypeError: Failed to fetch" };

describe("joinSentences", () => {
  it("ends each part the way the language does, adding a stop only where one is missing", () => {
    expect(joinSentences(["You are offline", "Nothing was sent.", " "], "en")).toBe("You are offline. Nothing was sent.");
    expect(joinSentences(["设备已离线", "请求没有发出去。"], "zh-CN")).toBe("设备已离线。请求没有发出去。");
  });
});

describe("errorSentences", () => {
  it("says an offline failure in the page's language, never the error's English message or the browser's words", () => {
    const zh = errorSentences(offline, "zh-CN", ["你的消息已保留。"]);
    expect(zh).toMatch(/^设备已离线。/);
    expect(zh).toMatch(HAN);
    expect(zh).toMatch(/你的消息已保留。$/);
    expect(zh).not.toMatch(/browser is offline|Failed to fetch/i);
    // No English sentence: a run of English words would be one.
    expect(zh).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}/);
    const en = errorSentences(offline, "en");
    expect(en).toMatch(/^You are offline\. /);
    expect(en).not.toContain("Failed to fetch");
  });
});

describe("where a failure happened", () => {
  it("offline, our server unreachable, CORS and an unreachable own endpoint never reached the upstream", () => {
    for (const code of ["offline", "network", "direct_cors", "direct_unreachable"] as const) expect(failedInBrowser(code)).toBe(true);
    for (const code of ["upstream_unreachable", "upstream_auth", "upstream_html", "unknown"] as const) expect(failedInBrowser(code)).toBe(false);
  });

  it("only a missing connection is fixed by sending the same message again once connected", () => {
    expect(fixedByReconnecting("offline")).toBe(true);
    expect(fixedByReconnecting("network")).toBe(true);
    expect(fixedByReconnecting("direct_cors")).toBe(false);
    expect(fixedByReconnecting("upstream_auth")).toBe(false);
  });
});
