import { describe, expect, it } from "vitest";
import { answer, BODIES } from "../relay/doctor/test-answers.test-support";
import type { Probe } from "../relay/doctor/types";
import type { DoctorCall } from "./doctor-http";
import { runServerDoctor } from "./doctor-run";
import { parseEnv } from "./env";

function fakeHttp() {
  const calls: DoctorCall[] = [];
  const http = async (call: DoctorCall): Promise<Probe> => {
    calls.push(call);
    if (call.url.startsWith("http://10.0.0.9")) return { ok: false, failure: "refused", ms: 2, detail: "ECONNREFUSED" };
    if (call.method === "POST") return answer(200, BODIES.completion("gpt-4o-mini"));
    if (call.url.endsWith("/v1/models")) return call.headers.authorization ? answer(200, BODIES.models(["gpt-4o-mini"])) : answer(401, BODIES.oneapiNoToken);
    return answer(404, BODIES.nginx404, "text/html");
  };
  return { calls, http };
}

describe("runServerDoctor", () => {
  it("checks every configured endpoint with the server's key, and the answer never carries the key", async () => {
    const env = parseEnv({ BASE_URL: "http://10.0.0.9:8080,https://relay.example/v1", OPENAI_API_KEY: "sk-server-secret-123456" });
    const net = fakeHttp();
    const report = await runServerDoctor(env, { model: "gpt-4o-mini", identity: false }, net.http);
    expect(report.endpoints.map((e) => [e.host, e.state, e.steps[0].status])).toEqual([
      ["10.0.0.9:8080", "ok", "fail"],
      ["relay.example", "ok", "ok"],
    ]);
    expect(report.steps.map((s) => s.status)).toEqual(["warn", "warn", "warn", "ok"]);
    expect(new Set(net.calls.map((c) => new URL(c.url).host))).toEqual(new Set(["10.0.0.9:8080", "relay.example"]));
    expect(net.calls.filter((c) => c.headers.authorization).every((c) => c.headers.authorization === "Bearer sk-server-secret-123456")).toBe(true);
    expect(JSON.stringify(report)).not.toContain("sk-server-secret");
  });

  it("refuses a model outside a restricted list without calling it", async () => {
    const env = parseEnv({ BASE_URL: "https://relay.example", OPENAI_API_KEY: "sk-x", CUSTOM_MODELS: "-all,+gpt-4o-mini" });
    const net = fakeHttp();
    const report = await runServerDoctor(env, { model: "gpt-4o", identity: true }, net.http);
    expect(report.steps[3]).toMatchObject({ status: "fail", finding: { key: "model.notAllowedHere" }, error: { code: "model_not_allowed" } });
    expect(net.calls.some((c) => c.method === "POST")).toBe(false);
    expect(report.billed).toEqual([]);
  });
});
