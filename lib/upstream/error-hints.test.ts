import { describe, expect, it } from "vitest";
import { describeError } from "./error-hints";
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
