import { describe, expect, it } from "vitest";
import { BaseUrlError, joinApiUrl, normalizeBaseUrl } from "./base-url";

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
