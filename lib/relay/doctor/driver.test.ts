import { describe, expect, it } from "vitest";
import { type HttpCall, runChecks } from "./driver";
import { IDENTITY_PROBES } from "./probes";
import { answer, BODIES } from "./test-answers.test-support";
import type { Probe } from "./types";

/** A fake network: `routes` maps "METHOD url" (or a predicate's match) to an answer; anything else is refused. */
function network(routes: Record<string, Probe | ((call: HttpCall) => Probe)>) {
  const calls: HttpCall[] = [];
  const http = async (call: HttpCall): Promise<Probe> => {
    calls.push(call);
    const route = routes[`${call.method} ${call.url}${call.headers.authorization ? " +key" : ""}`] ?? routes[`${call.method} ${call.url}`];
    if (!route) return { ok: false, failure: "refused", ms: 1, detail: "ECONNREFUSED" };
    return typeof route === "function" ? route(call) : route;
  };
  return { calls, http };
}

const API = (root: string, model = "gpt-4o-mini") => ({
  [`GET ${root}/v1/models`]: answer(401, BODIES.oneapiNoToken),
  [`GET ${root}/v1/models +key`]: answer(200, BODIES.models(["gpt-4o-mini", "gpt-4o"])),
  [`GET ${root}/models`]: answer(200, BODIES.website, "text/html"),
  [`POST ${root}/v1/chat/completions`]: answer(200, BODIES.completion(model)),
});

const base = { via: "server" as const, apiKey: "sk-relay", model: "gpt-4o-mini", identity: false };

describe("runChecks", () => {
  it("passes every step on a healthy relay and bills the one-token completion", async () => {
    const net = network(API("https://relay.example"));
    const seen: string[] = [];
    const r = await runChecks({ ...base, roots: ["https://relay.example"], http: net.http, onStep: (s) => seen.push(`${s.step}:${s.status}`) });
    expect(seen).toEqual(["reach:ok", "url:ok", "key:ok", "model:ok"]);
    expect(r.billed).toEqual([{ purpose: "model", model: "gpt-4o-mini", answeredBy: "gpt-4o-mini", promptTokens: 13, completionTokens: 1, estimated: false, status: "done", durationMs: 12 }]);
    expect(r.sources).toEqual([{ via: "completion", model: "gpt-4o-mini", fingerprint: "fp_44709d6fcb" }]);
    const chat = net.calls.find((c) => c.method === "POST")!;
    expect(JSON.parse(chat.body!)).toMatchObject({ model: "gpt-4o-mini", max_tokens: 1, stream: false });
    // The key only goes with the allow-listed calls, never with the URL-form probes.
    expect(net.calls.filter((c) => c.headers.authorization).map((c) => c.url)).toEqual(["https://relay.example/v1/models", "https://relay.example/v1/chat/completions"]);
  });

  it("asks the identity questions only on request, one billed line each", async () => {
    const net = network(API("https://relay.example"));
    const r = await runChecks({ ...base, identity: true, roots: ["https://relay.example"], http: net.http });
    expect(r.probes?.map((p) => p.id)).toEqual(IDENTITY_PROBES.map((p) => p.id));
    expect(r.probes?.[0]).toMatchObject({ answer: "OK", model: "gpt-4o-mini" });
    expect(r.billed.map((b) => b.purpose)).toEqual(["model", ...IDENTITY_PROBES.map(() => "identity")]);
  });

  it("stops after a wrong URL form: no key or completion is sent, and every call stays on the configured host", async () => {
    const net = network({
      "GET https://relay.example/console/v1/models": answer(200, BODIES.loginPage, "text/html"),
      "GET https://relay.example/console/models": answer(200, BODIES.loginPage, "text/html"),
      "GET https://relay.example/v1/models": answer(401, BODIES.oneapiNoToken),
      "GET https://relay.example/models": answer(200, BODIES.website, "text/html"),
    });
    const r = await runChecks({ ...base, roots: ["https://relay.example/console"], http: net.http });
    expect(r.steps.map((s) => s.status)).toEqual(["ok", "fail", "skipped", "skipped"]);
    expect(r.steps[1].fix?.code).toBe("BASE_URL=https://relay.example/v1");
    expect(net.calls.every((c) => new URL(c.url).host === "relay.example" && !c.headers.authorization)).toBe(true);
    expect(r.billed).toEqual([]);
  });

  it("runs the model on the first endpoint that passed, in failover order", async () => {
    const net = network(API("https://b.example"));
    const r = await runChecks({ ...base, roots: ["https://a.example", "https://b.example"], http: net.http });
    expect(r.steps[0]).toMatchObject({ status: "warn", finding: { key: "multi.somePass" } });
    expect(r.perEndpoint.map((e) => [e.host, e.steps.map((s) => s.status).join(",")])).toEqual([
      ["a.example", "fail,skipped,skipped"],
      ["b.example", "ok,ok,ok"],
    ]);
    expect(r.steps[3].status).toBe("ok");
    expect(net.calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["https://b.example/v1/chat/completions"]);
  });

  it("sends nothing billed for a model this server refuses, and nothing at all without a key", async () => {
    const refused = { code: "model_not_allowed" as const, status: 403, message: "no", model: "gpt-4o" };
    const a = network(API("https://relay.example"));
    const r = await runChecks({ ...base, model: "gpt-4o", refused, roots: ["https://relay.example"], http: a.http });
    expect(r.steps[3]).toMatchObject({ status: "fail", finding: { key: "model.notAllowedHere" } });
    expect(a.calls.some((c) => c.method === "POST")).toBe(false);
    const b = network(API("https://relay.example"));
    const none = await runChecks({ ...base, apiKey: undefined, roots: ["https://relay.example"], http: b.http });
    expect(none.steps.map((s) => `${s.step}:${s.status}:${s.finding.key}`)).toEqual(["reach:ok:reach.ok", "url:ok:url.ok", "key:fail:key.notConfigured", "model:skipped:skip.earlier"]);
  });

  it("names one-api's no-channel answer for a mistyped model", async () => {
    const net = network({ ...API("https://relay.example"), "POST https://relay.example/v1/chat/completions": answer(503, BODIES.oneapiNoChannel("gpt-4o-mnii")) });
    const r = await runChecks({ ...base, model: "gpt-4o-mnii", roots: ["https://relay.example"], http: net.http });
    expect(r.steps[3]).toMatchObject({ status: "fail", finding: { key: "model.noChannel" }, fix: { values: { suggestion: "gpt-4o-mini" } } });
    expect(r.billed).toEqual([]);
  });
});
