/**
 * A whole doctor run as the page drives it. For the server's upstream: POST /api/doctor (reach,
 * URL form, key and model, checked on the server with its key), then the stream step here,
 * through /api/openai like the chat. For the own key: every step from this browser against the
 * user's endpoint. The identity verdict comes last, from everything the answers said about
 * themselves.
 */
import type { ErrorInfo } from "@/lib/errors";
import { runChecks, skipped } from "@/lib/relay/doctor/driver";
import { identityStep } from "@/lib/relay/doctor/identity";
import { streamStep } from "@/lib/relay/doctor/stream";
import type { BilledCall, DoctorReport, EndpointReport, ProbeAnswer, StepResult } from "@/lib/relay/doctor/types";
import { normalizeBaseUrl } from "@/lib/upstream/base-url";
import { requestFor, type ApiTarget } from "./api";
import { browserHttp } from "./doctor-http";
import { requestServerDoctor } from "./doctor-server";
import { probeStream } from "./doctor-stream";

export interface DoctorHooks {
  /** A step's result, as soon as it is known. */
  onStep(result: StepResult): void;
  /** A step starts (the page shows it running). */
  onRunning(step: StepResult["step"]): void;
  /** A billed call was made: it goes to the ledger at once, whatever happens next. */
  onBilled(call: BilledCall): void;
}

export interface DoctorOutcome {
  endpoints?: EndpointReport[];
  probes?: ProbeAnswer[];
  /** The run itself could not happen (rate limit, no access, our server unreachable). */
  error?: ErrorInfo;
  retryAfterSec?: number;
}

const passed = (r: StepResult | undefined) => r?.status === "ok" || r?.status === "warn";

async function directReport(target: ApiTarget, model: string, identity: boolean, hooks: DoctorHooks): Promise<DoctorReport> {
  let root: string;
  try {
    root = normalizeBaseUrl(target.baseUrl);
  } catch {
    const reach: StepResult = { step: "reach", status: "fail", finding: { key: "reach.other", values: { host: target.baseUrl.slice(0, 100), detail: "not a URL" } }, fix: { key: "reach.fix.other" } };
    return { model, via: "direct", endpoints: [], steps: [reach, skipped("url"), skipped("key"), skipped("model")], sources: [], billed: [] };
  }
  const report = await runChecks({ via: "direct", roots: [root], apiKey: target.apiKey, model, identity, http: browserHttp(), onStep: hooks.onStep });
  return { model, via: "direct", endpoints: [], steps: report.steps, sources: report.sources, ...(report.probes ? { probes: report.probes } : {}), billed: report.billed };
}

export async function runDoctor(target: ApiTarget, options: { model: string; identity: boolean }, hooks: DoctorHooks): Promise<DoctorOutcome> {
  const { model, identity } = options;
  let report: DoctorReport;
  for (const step of ["reach", "url", "key", "model"] as const) hooks.onRunning(step);
  if (target.via === "server") {
    const answer = await requestServerDoctor(target.accessCode, { model, identity });
    if (!answer.ok) return { error: answer.error, retryAfterSec: answer.retryAfterSec };
    report = answer.report;
    for (const s of report.steps) hooks.onStep(s);
  } else {
    report = await directReport(target, model, identity, hooks);
    for (const s of report.steps) hooks.onStep(s);
  }
  for (const call of report.billed) hooks.onBilled(call);

  const sources = [...report.sources];
  if (passed(report.steps.find((s) => s.step === "model"))) {
    hooks.onRunning("stream");
    const stream = await probeStream(requestFor(target, "v1/chat/completions"), target.via, model);
    hooks.onStep(streamStep(stream.observation));
    if (stream.billed) hooks.onBilled(stream.billed);
    if (stream.source && stream.billed) sources.push(stream.source);
  } else {
    hooks.onStep(skipped("stream"));
  }
  hooks.onStep(identityStep(model, sources));
  return { endpoints: report.endpoints, probes: report.probes };
}
