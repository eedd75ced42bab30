import { describe, expect, it } from "vitest";
import { BaseUrlError, hasVersionPath, joinApiUrl, normalizeBaseUrl } from "./base-url";

describe("normalizeBaseUrl", () => {
  const forms = [
    "https://relay.example.com",
    "https://relay.example.com/",
    "https://relay.example.com/v1",
    "https://relay.example.com/v1/",
    "https://relay.example.com/v1/chat/completions",
    "https://relay.example.com/v1/chat/completions/",
    "  https://relay.example.com//  ",
  ];
  it.each(forms)("reduces %s to the host root", (form) => {
    expect(normalizeBaseUrl(form)).toBe("https://relay.example.com");
  });

  it("keeps a path prefix before /v1", () => {
    expect(normalizeBaseUrl("http://127.0.0.1:8080/openai/v1/")).toBe("http://127.0.0.1:8080/openai");
  });

  it("adds https:// when the scheme is missing", () => {
    expect(normalizeBaseUrl("api.openai.com/v1")).toBe("https://api.openai.com");
  });

  it("rejects empty and non-http values", () => {
    expect(() => normalizeBaseUrl(" ")).toThrow(BaseUrlError);
    expect(() => normalizeBaseUrl("ftp://x.example")).toThrow(/http/);
  });
});

describe("joinApiUrl", () => {
  it.each([
    ["https://h.example", "v1/chat/completions"],
    ["https://h.example/v1", "v1/chat/completions"],
    ["https://h.example/v1/chat/completions", "chat/completions"],
    ["https://h.example/v1/", "/v1/chat/completions"],
  ])("never doubles /v1 (%s + %s)", (base, p) => {
    expect(joinApiUrl(base, p)).toBe("https://h.example/v1/chat/completions");
  });

  it("puts billing paths under /v1 and keeps the query", () => {
    expect(joinApiUrl("https://h.example/v1", "dashboard/billing/usage", "start_date=2026-01-01")).toBe(
      "https://h.example/v1/dashboard/billing/usage?start_date=2026-01-01",
    );
  });
});

describe("version paths", () => {
  it.each([
    ["https://open.bigmodel.cn/api/paas/v4", "https://open.bigmodel.cn/api/paas/v4"],
    ["https://open.bigmodel.cn/api/paas/v4/", "https://open.bigmodel.cn/api/paas/v4"],
    ["https://open.bigmodel.cn/api/paas/v4/chat/completions", "https://open.bigmodel.cn/api/paas/v4"],
    ["https://ark.cn-beijing.volces.com/api/v3", "https://ark.cn-beijing.volces.com/api/v3"],
    ["https://generativelanguage.googleapis.com/v1beta/openai", "https://generativelanguage.googleapis.com/v1beta/openai"],
    ["https://generativelanguage.googleapis.com/v1beta/openai/models", "https://generativelanguage.googleapis.com/v1beta/openai"],
  ])("keeps %s as given", (input, root) => {
    expect(normalizeBaseUrl(input)).toBe(root);
    expect(hasVersionPath(root)).toBe(true);
    // Normalising twice changes nothing (env.ts stores the root, joinApiUrl normalises again).
    expect(normalizeBaseUrl(root)).toBe(root);
  });

  it("joins API paths directly under the version path", () => {
    expect(joinApiUrl("https://open.bigmodel.cn/api/paas/v4", "v1/chat/completions")).toBe("https://open.bigmodel.cn/api/paas/v4/chat/completions");
    expect(joinApiUrl("https://ark.cn-beijing.volces.com/api/v3/", "v1/models")).toBe("https://ark.cn-beijing.volces.com/api/v3/models");
    expect(joinApiUrl("https://generativelanguage.googleapis.com/v1beta/openai", "chat/completions")).toBe(
      "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions",
    );
    expect(joinApiUrl("https://x.example/api/v2alpha1", "dashboard/billing/usage", "a=1")).toBe("https://x.example/api/v2alpha1/dashboard/billing/usage?a=1");
  });

  it("treats /v1 (and /v1/openai's absence) as the ordinary form", () => {
    expect(hasVersionPath("https://h.example")).toBe(false);
    expect(hasVersionPath("https://h.example/openai")).toBe(false);
    expect(hasVersionPath("https://h.example/v1")).toBe(false);
    expect(hasVersionPath("https://h.example/v4x")).toBe(false);
    expect(joinApiUrl("https://h.example/openai/v1", "v1/models")).toBe("https://h.example/openai/v1/models");
  });
});
