/**
 * One step's verdict over every endpoint of BASE_URL: each endpoint keeps its own line, and the
 * step says ok when all pass, fail when none does, and warn in between (failover then carries the
 * chat, but an endpoint is dead weight until it is fixed).
 */
import type { StepId, StepResult } from "./types";

export function combineEndpoints(step: StepId, perEndpoint: ReadonlyArray<{ host: string; result: StepResult }>): StepResult {
  if (perEndpoint.length === 1) return { ...perEndpoint[0].result, step };
  const ran = perEndpoint.filter((e) => e.result.status !== "skipped");
  const passed = ran.filter((e) => e.result.status === "ok" || e.result.status === "warn");
  const endpoints = perEndpoint.map(({ host, result }) => ({ host, status: result.status, finding: result.finding, ...(result.fix ? { fix: result.fix } : {}) }));
  const ms = Math.max(0, ...perEndpoint.map((e) => e.result.ms ?? 0));
  if (ran.length === 0) return { step, status: "skipped", finding: { key: "skip.earlier" } };
  const values = { passed: passed.length, count: perEndpoint.length };
  const firstBad = perEndpoint.find((e) => e.result.status === "fail" || e.result.status === "skipped");
  if (!firstBad) {
    const status = perEndpoint.every((e) => e.result.status === "ok") ? "ok" : "warn";
    return { step, status, ms, finding: { key: "multi.allPass", values }, endpoints };
  }
  // With none passing, each endpoint's own fix says it all.
  if (passed.length === 0) return { step, status: "fail", ms, finding: { key: "multi.nonePass", values }, endpoints };
  return { step, status: "warn", ms, finding: { key: "multi.somePass", values }, fix: { key: "multi.fixEndpoint", values: { host: firstBad.host } }, endpoints };
}
