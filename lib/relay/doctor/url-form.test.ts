import { describe, expect, it } from "vitest";
import { classifyHtml } from "./html-page";
import { answer, BODIES } from "./test-answers.test-support";
import { readProbe, urlForms, urlStep } from "./url-form";
import type { Probe } from "./types";

describe("classifyHtml", () => {
  it("names a gateway's or CDN's error page", () => {
    expect(classifyHtml(502, BODIES.nginx502)).toEqual({ kind: "cdn_error", title: "502 Bad Gateway" });
    expect(classifyHtml(524, BODIES.cloudflare524)).toEqual({ kind: "cdn_error", title: "relay.example | 524: A timeout occurred" });
  });
  it("names a 404 page, a login page and a web site", () => {
    expect(classifyHtml(404, BODIES.nginx404).kind).toBe("not_found");
    expect(classifyHtml(200, BODIES.loginPage)).toEqual({ kind: "login", title: "One API" });
    expect(classifyHtml(200, BODIES.website)).toEqual({ kind: "website", title: "NewAPI 中转 — 稳定的 GPT 接口" });
  });
});

describe("urlForms", () => {
  it("probes the configured form and the same without /v1 for a bare host", () => {
    expect(urlForms("https://relay.example")).toEqual([
      { id: "configured", base: "https://relay.example/v1", url: "https://relay.example/v1/models", settable: true },
      { id: "noV1", base: "https://relay.example", url: "https://relay.example/models", settable: false },
    ]);
  });
  it("adds the bare host and host + /v1 when BASE_URL has a path", () => {
    expect(urlForms("https://relay.example/console").map((f) => [f.id, f.url])).toEqual([
      ["configured", "https://relay.example/console/v1/models"],
      ["noV1", "https://relay.example/console/models"],
      ["hostV1", "https://relay.example/v1/models"],
      ["host", "https://relay.example/models"],
    ]);
  });
  it("keeps a version path as given", () => {
    expect(urlForms("https://open.bigmodel.cn/api/paas/v4").map((f) => [f.id, f.base, f.url])).toEqual([
      ["configured", "https://open.bigmodel.cn/api/paas/v4", "https://open.bigmodel.cn/api/paas/v4/models"],
      ["hostV1", "https://open.bigmodel.cn/v1", "https://open.bigmodel.cn/v1/models"],
      ["host", "https://open.bigmodel.cn", "https://open.bigmodel.cn/models"],
    ]);
  });
});

describe("readProbe", () => {
  it("tells an API from everything else", () => {
    expect(readProbe(answer(401, BODIES.oneapiNoToken)).kind).toBe("api_auth");
    expect(readProbe(answer(401, BODIES.openaiNoKey)).kind).toBe("api_auth");
    expect(readProbe(answer(200, BODIES.models(["gpt-4o"]))).kind).toBe("api_list");
    expect(readProbe(answer(404, BODIES.openaiInvalidUrl)).kind).toBe("api_not_found");
    expect(readProbe(answer(200, BODIES.website, "text/html"))).toMatchObject({ kind: "html", page: { kind: "website" } });
    expect(readProbe(answer(302, "", "text/plain", { location: "relay.example/login" }))).toEqual({ kind: "redirect", status: 302, location: "relay.example/login" });
    expect(readProbe(answer(200, "OK", "text/plain")).kind).toBe("other");
    expect(readProbe({ ok: false, failure: "refused", ms: 1 }).kind).toBe("failed");
  });
});

const run = (root: string, probes: Record<string, Probe>) => urlStep(urlForms(root).map((form) => ({ form, probe: probes[form.id] ?? { ok: false, failure: "refused", ms: 1 } })));

describe("urlStep", () => {
  it("is ok when the configured form answers like an API (a keyless 401)", () => {
    const r = run("https://relay.example", { configured: answer(401, BODIES.oneapiNoToken), noV1: answer(200, BODIES.website, "text/html") });
    expect(r).toMatchObject({ status: "ok", finding: { key: "url.ok", values: { base: "https://relay.example/v1" } } });
    expect(r.fix).toBeUndefined();
  });

  it("names a login page and gives the exact BASE_URL where the API answers", () => {
    const r = run("https://relay.example/console", {
      configured: answer(200, BODIES.loginPage, "text/html"),
      noV1: answer(200, BODIES.loginPage, "text/html"),
      hostV1: answer(401, BODIES.oneapiNoToken),
      host: answer(200, BODIES.website, "text/html"),
    });
    expect(r.status).toBe("fail");
    expect(r.finding).toEqual({ key: "url.html.login", values: { url: "https://relay.example/console/v1/models", status: 200, title: "One API" } });
    expect(r.fix).toEqual({ key: "url.fix.set", values: { base: "https://relay.example/v1" }, code: "BASE_URL=https://relay.example/v1" });
  });

  it("says when the API answers only without /v1", () => {
    const r = run("https://relay.example", { configured: answer(404, BODIES.nginx404, "text/html"), noV1: answer(401, BODIES.openaiNoKey) });
    expect(r.finding.key).toBe("url.html.not_found");
    expect(r.fix).toEqual({ key: "url.fix.noV1", values: { url: "https://relay.example/models" } });
  });

  it("names a CDN error page when nothing answers like an API", () => {
    const page = answer(524, BODIES.cloudflare524, "text/html");
    const r = run("https://relay.example/app", { configured: page, noV1: page, hostV1: page, host: page });
    expect(r.finding).toMatchObject({ key: "url.html.cdn_error", values: { status: 524 } });
    expect(r.fix?.key).toBe("url.fix.cdn_error");
  });

  it("names the relay's web site, a JSON 404 and a redirect", () => {
    expect(run("https://relay.example", { configured: answer(200, BODIES.website, "text/html") }).fix?.key).toBe("url.fix.website");
    expect(run("https://relay.example", { configured: answer(404, BODIES.openaiInvalidUrl) })).toMatchObject({ finding: { key: "url.notFound" }, fix: { key: "url.fix.not_found" } });
    expect(run("https://relay.example", { configured: answer(301, "", "text/html", { location: "www.relay.example/v1/models" }) }).fix).toEqual({ key: "url.fix.redirect", values: { location: "www.relay.example/v1/models" } });
  });
});
