/**
 * The checks that run against an endpoint list, the same on the server (its BASE_URL list, its
 * key) and in the browser (the user's own endpoint and key): per endpoint reach, URL form and key;
 * then, on the first endpoint that passed (in failover order), the model's one-token completion
 * and, on request, the identity questions. Calls go through the injected `http` only, to the
 * configured roots only; the stream step is the browser's (lib/client/doctor-stream.ts).
 */
import type { ErrorInfo } from "../../errors";
import { joinApiUrl } from "../../upstream/base-url";
import { billedCall, callError, modelCheckBody, probeBody, readCompletion } from "./calls";
import { keyStep } from "./key";
import { modelStep } from "./model";
import { IDENTITY_PROBES, MODEL_CHECK_PROMPT } from "./probes";
import { reachStep } from "./reach";
import { combineEndpoints } from "./summary";
import type { AnswerSource, BilledCall, Probe, ProbeAnswer, StepId, StepResult } from "./types";
import { urlForms, urlStep } from "./url-form";

export interface HttpCall {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface CheckOptions {
  via: "server" | "direct";
  /** Normalised roots (lib/upstream/base-url.ts), in BASE_URL order. */
  roots: readonly string[];
  /** Which roots to try first (failover order); default BASE_URL order. */
  order?: readonly number[];
  apiKey: string | undefined;
  model: string;
  identity: boolean;
  /** This server refuses the model before any call (CUSTOM_MODELS with -all). */
  refused?: ErrorInfo;
  http: (call: HttpCall) => Promise<Probe>;
  /** Each step's result as soon as it is known (the browser shows progress). */
  onStep?: (result: StepResult) => void;
}

export interface CheckReport {
  perEndpoint: Array<{ host: string; steps: StepResult[] }>;
  steps: StepResult[];
  sources: AnswerSource[];
  probes?: ProbeAnswer[];
  billed: BilledCall[];
}

const LIST_TIMEOUT_MS = 15_000;
const COMPLETION_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 90_000;

export const skipped = (step: StepId): StepResult => ({ step, status: "skipped", finding: { key: "skip.earlier" } });
const passed = (r: StepResult) => r.status === "ok" || r.status === "warn";
const hostOf = (root: string) => new URL(root).host;

async function checkEndpoint(root: string, o: CheckOptions): Promise<{ host: string; steps: StepResult[]; ids: string[] | null }> {
  const host = hostOf(root);
  const forms = urlForms(root);
  // No key on these: an API answers a keyless list request with JSON, a web site with HTML.
  const probes = await Promise.all(forms.map((f) => o.http({ url: f.url, method: "GET", headers: {}, timeoutMs: LIST_TIMEOUT_MS })));
  const reach = reachStep(host, probes[0], forms[0].url);
  if (!passed(reach)) return { host, steps: [reach, skipped("url"), skipped("key")], ids: null };
  const url = urlStep(forms.map((form, i) => ({ form, probe: probes[i] })));
  if (!passed(url)) return { host, steps: [reach, url, skipped("key")], ids: null };
  if (!o.apiKey) {
    const key: StepResult = { step: "key", status: "fail", finding: { key: "key.notConfigured" }, fix: { key: o.via === "server" ? "key.fix.notConfigured.server" : "key.fix.notConfigured.own" } };
    return { host, steps: [reach, url, key], ids: null };
  }
  const list = await o.http({ url: joinApiUrl(root, "v1/models"), method: "GET", headers: { authorization: `Bearer ${o.apiKey}` }, timeoutMs: LIST_TIMEOUT_MS });
  const key = keyStep(host, list, o.via);
  return { host, steps: [reach, url, key.result], ids: key.ids };
}

export async function runChecks(o: CheckOptions): Promise<CheckReport> {
  const checked = await Promise.all(o.roots.map((root) => checkEndpoint(root, o)));
  const steps = (["reach", "url", "key"] as const).map((step, i) => combineEndpoints(step, checked.map((c) => ({ host: c.host, result: c.steps[i] }))));
  for (const s of steps) o.onStep?.(s);
  const perEndpoint = checked.map(({ host, steps: s }) => ({ host, steps: s }));
  const billed: BilledCall[] = [];
  const sources: AnswerSource[] = [];
  const order = o.order ?? o.roots.map((_, i) => i);
  const primary = order.find((i) => passed(checked[i].steps[2]));
  if (primary === undefined || !o.apiKey) {
    const model = skipped("model");
    o.onStep?.(model);
    return { perEndpoint, steps: [...steps, model], sources, billed };
  }
  const root = o.roots[primary];
  const chatUrl = joinApiUrl(root, "v1/chat/completions");
  const headers = { authorization: `Bearer ${o.apiKey}`, "content-type": "application/json" };
  const post = (body: unknown, timeoutMs: number) => o.http({ url: chatUrl, method: "POST", headers, body: JSON.stringify(body), timeoutMs });

  const completion = o.refused ? null : await post(modelCheckBody(o.model), COMPLETION_TIMEOUT_MS);
  const model = modelStep({ model: o.model, ids: checked[primary].ids, completion, refused: o.refused });
  o.onStep?.(model);
  if (completion) {
    const read = readCompletion(completion);
    if (read) sources.push({ via: "completion", model: read.model, fingerprint: read.fingerprint });
    const line = billedCall("model", o.model, MODEL_CHECK_PROMPT, completion);
    if (line) billed.push(line);
  }
  if (!o.identity || !passed(model)) return { perEndpoint, steps: [...steps, model], sources, billed };

  // One at a time: a relay's per-key rate limit would refuse a burst.
  const probes: ProbeAnswer[] = [];
  for (const p of IDENTITY_PROBES) {
    const answer = await post(probeBody(o.model, p.question), PROBE_TIMEOUT_MS);
    const read = readCompletion(answer);
    const line = billedCall("identity", o.model, p.question, answer);
    if (line) billed.push(line);
    if (read) {
      sources.push({ via: "identity", model: read.model, fingerprint: read.fingerprint });
      probes.push({ id: p.id, answer: read.content.slice(0, 2000), ...(read.model ? { model: read.model } : {}) });
    } else {
      probes.push({ id: p.id, error: callError(answer) });
    }
  }
  return { perEndpoint, steps: [...steps, model], sources, probes, billed };
}
