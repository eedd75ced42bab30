import "server-only";
import { AppError } from "../errors";
import { runChecks } from "../relay/doctor/driver";
import type { DoctorReport } from "../relay/doctor/types";
import type { ServerEnv } from "./env";
import { type DoctorHttp, doctorHttp } from "./doctor-http";
import type { DoctorRequest } from "./doctor-request";
import { failoverSnapshot, failoverState } from "./failover-call";
import { assertModelAllowed } from "./model-policy";

/**
 * POST /api/doctor's work: the checks of lib/relay/doctor/driver.ts against every endpoint of the
 * server's own BASE_URL list, with the server's key (which never leaves the server: the answer
 * carries verdicts, hosts and usage, never the key or a credential), plus each endpoint's failover
 * state. Nothing in the request chooses where calls go.
 */
export async function runServerDoctor(env: ServerEnv, request: DoctorRequest, http: DoctorHttp = doctorHttp(env)): Promise<DoctorReport> {
  let refused;
  try {
    assertModelAllowed(request.model, env);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    refused = err.toInfo();
  }
  const snapshot = failoverSnapshot(env);
  const report = await runChecks({
    via: "server",
    roots: env.baseUrls,
    // The endpoint chats go to now: the first one not cooling down.
    order: failoverState(env).order(),
    apiKey: env.upstreamConfigured ? env.apiKey() : undefined,
    model: request.model,
    identity: request.identity,
    refused,
    http,
  });
  return {
    model: request.model,
    via: "server",
    endpoints: report.perEndpoint.map((e, i) => ({ ...snapshot[i], host: e.host, steps: e.steps })),
    steps: report.steps,
    sources: report.sources,
    ...(report.probes ? { probes: report.probes } : {}),
    billed: report.billed,
  };
}
