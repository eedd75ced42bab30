import { describe, expect, it } from "vitest";
import { guardErrorHeaders, guardRequest, isJsonContentType, isKnownMethod, isOwnOrigin, RENAMED_TRACE } from "./request-guard";

const headers = (h: Record<string, string>) => new Headers(h);
const JSON_TYPE = { "content-type": "application/json" };
const direct = { trustProxyHops: 0 };
const proxied = { trustProxyHops: 1 };

function guard(method: string, pathname: string, h: Record<string, string>, options = direct) {
  return guardRequest({ method, pathname, headers: headers(h) }, options);
}
const code = (method: string, pathname: string, h: Record<string, string>, options = direct) => guard(method, pathname, h, options)?.code ?? null;

describe("methods", () => {
  it("knows the methods the app answers, case-sensitively", () => {
    for (const m of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(isKnownMethod(m)).toBe(true);
    for (const m of ["TRACE", "CONNECT", "PROPFIND", "MKCOL", "SEARCH", "QUERY", "PURGE", "get", RENAMED_TRACE, undefined]) expect(isKnownMethod(m)).toBe(false);
  });

  it("refuses other methods with 405 and Allow on every path, pages included", () => {
    for (const path of ["/", "/api/openai/v1/models", "/api/health", "/_next/static/x.js", "/nothing"]) {
      for (const method of ["TRACE", "PROPFIND", RENAMED_TRACE]) {
        const err = guard(method, path, JSON_TYPE);
        expect([err?.code, err?.status], `${method} ${path}`).toEqual(["method_not_allowed", 405]);
        expect(guardErrorHeaders(err!)).toEqual({ Allow: "GET, HEAD, OPTIONS, POST" });
      }
    }
  });

  it("leaves pages and safe methods alone, whatever their headers", () => {
    const hostile = { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" };
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(code(method, "/api/openai/v1/models", hostile)).toBeNull();
    expect(code("POST", "/", hostile)).toBeNull();
    expect(code("POST", "/apiary", hostile)).toBeNull();
  });
});

describe("Content-Type of POSTs to /api/*", () => {
  it("accepts application/json with parameters, in any case", () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", " application/json "]) expect(isJsonContentType(type), type).toBe(true);
  });

  it("refuses anything else with 415, before looking at the origin", () => {
    for (const type of [null, "", "text/plain", "text/plain; application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json", "application/jsonx", "application/json, text/plain"]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
    expect(code("POST", "/api/openai/v1/chat/completions", {})).toBe("unsupported_media_type");
    expect(code("POST", "/api/access", { "content-type": "text/plain", origin: "https://evil.example" })).toBe("unsupported_media_type");
    expect(guard("POST", "/api/access", { "content-type": "text/plain" })?.status).toBe(415);
    // Other writing methods have no body the app reads; they end in 404 further on.
    expect(code("PUT", "/api/openai/v1/models", {})).toBeNull();
  });
});

describe("Origin and Sec-Fetch-Site of writing requests to /api/*", () => {
  const post = (h: Record<string, string>, options = direct) => code("POST", "/api/openai/v1/chat/completions", { ...JSON_TYPE, ...h }, options);

  it("allows the app's own origin, and a request without Origin", () => {
    expect(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).toBeNull();
    expect(post({ host: "chat.example.com", origin: "https://chat.example.com" })).toBeNull();
    expect(post({ host: "Chat.Example.com:443", origin: "https://chat.example.com" })).toBeNull();
    expect(post({ host: "[::1]:3000", origin: "http://[::1]:3000" })).toBeNull();
    expect(post({ host: "127.0.0.1:3000" })).toBeNull();
    expect(post({})).toBeNull();
    expect(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBeNull();
  });

  it("refuses another origin, a null one and a malformed one with 403", () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1:3001", "http://localhost:3000", "null", "chat.example.com", "https://chat.example.com/path", "https://chat.example.com:443", "file://", "chrome-extension://abc"]) {
      const err = guard("POST", "/api/access", { ...JSON_TYPE, host: "chat.example.com", origin });
      expect([err?.code, err?.status], origin).toEqual(["forbidden_origin", 403]);
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) expect(code(method, "/api/openai/v1/models", { host: "a.example", origin: "https://b.example" })).toBe("forbidden_origin");
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin", () => {
    expect(post({ "sec-fetch-site": "cross-site" })).toBe("forbidden_origin");
    expect(post({ "sec-fetch-site": "same-site", host: "a.example", origin: "https://a.example" })).toBeNull();
  });

  it("without TRUST_PROXY: the Host header, never X-Forwarded-*; the scheme is not known", () => {
    const h = { host: "127.0.0.1:3000", "x-forwarded-host": "chat.example.com", "x-forwarded-proto": "https" };
    expect(post({ ...h, origin: "https://chat.example.com" })).toBe("forbidden_origin");
    expect(post({ ...h, origin: "http://127.0.0.1:3000" })).toBeNull();
    // A TLS-terminating proxy that keeps Host: the page is https, the app sees http.
    expect(post({ host: "chat.example.com", origin: "https://chat.example.com" })).toBeNull();
    expect(post({ origin: "https://chat.example.com" })).toBe("forbidden_origin"); // no Host at all
  });

  it("under TRUST_PROXY: the first X-Forwarded-Host / -Proto entry, else Host", () => {
    const nginx = { host: "127.0.0.1", "x-forwarded-host": "127.0.0.1:8080", "x-forwarded-proto": "http" };
    expect(post({ ...nginx, origin: "http://127.0.0.1:8080" }, proxied)).toBeNull();
    expect(post({ ...nginx, origin: "http://127.0.0.1" }, proxied)).toBe("forbidden_origin");
    expect(post({ ...nginx, origin: "https://127.0.0.1:8080" }, proxied)).toBe("forbidden_origin");
    const tls = { host: "app:3000", "x-forwarded-host": "chat.example.com, internal:8080", "x-forwarded-proto": "https, http" };
    expect(post({ ...tls, origin: "https://chat.example.com" }, proxied)).toBeNull();
    expect(post({ ...tls, origin: "http://chat.example.com" }, proxied)).toBe("forbidden_origin");
    expect(post({ host: "chat.example.com", origin: "https://chat.example.com" }, proxied)).toBeNull();
    expect(post({ host: "chat.example.com", "x-forwarded-proto": "https", origin: "http://chat.example.com" }, proxied)).toBe("forbidden_origin");
  });

  it("a Host that is not a plain host[:port] matches nothing", () => {
    for (const host of ["evil.example/@chat.example.com", "chat.example.com/x", "user@chat.example.com", "chat.example.com:99999999", ""]) {
      expect(isOwnOrigin("https://chat.example.com", headers({ host }), direct), host).toBe(false);
    }
  });
});
