/**
 * The connection doctor's shared shapes. Each step is a pure function from what a driver observed
 * (lib/server/doctor-*.ts for the server's upstream, lib/client/doctor-*.ts in the browser) to a
 * verdict and a fix. Findings and fixes are message keys with values, so the server can answer in
 * JSON and the page words them in the user's language (lib/i18n/doctor.*.ts).
 */
import type { ErrorInfo } from "../../errors";
import type { DoctorKey } from "../../i18n/doctor.en";

export const STEP_IDS = ["reach", "url", "key", "model", "stream", "identity"] as const;
export type StepId = (typeof STEP_IDS)[number];

export type Verdict = "ok" | "warn" | "fail";
/** What a finished step shows; "skipped" when an earlier step failed. */
export type StepStatus = Verdict | "skipped";

export type NoteValues = Record<string, string | number>;

/** A sentence to show: a message key, its values, and optionally a snippet to copy (a BASE_URL, nginx lines). */
export interface Note {
  key: DoctorKey;
  values?: NoteValues;
  code?: string;
}

/** One endpoint's own verdict inside a step that ran per endpoint (BASE_URL lists several). */
export interface EndpointVerdict {
  host: string;
  status: StepStatus;
  finding: Note;
  fix?: Note;
}

export interface StepResult {
  step: StepId;
  status: StepStatus;
  /** How long the step's own calls took. */
  ms?: number;
  finding: Note;
  fix?: Note;
  /** Further lines: each endpoint's own model list size, the fingerprint, ... */
  details?: Note[];
  /** An upstream error behind the verdict: the page shows its hint, message and request id. */
  error?: ErrorInfo;
  endpoints?: EndpointVerdict[];
}

/** Why a connection failed, as far as the caller can tell: the server tells DNS, refused, TLS and
 *  timeout apart; a browser only offline, CORS refusal and "unreachable". */
export type ConnectFailure = "dns" | "refused" | "tls" | "timeout" | "reset" | "network" | "other" | "offline" | "cors" | "unreachable";

/** An HTTP answer as a step reads it (the body as text, cut to a sane size). */
export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  /** Time to the answer's headers. */
  ms: number;
  requestId?: string;
  /** A redirect's target, host and path only. */
  location?: string;
}

export type Probe = { ok: true; answer: HttpAnswer } | { ok: false; failure: ConnectFailure; ms: number; detail?: string };

/** A billed call the doctor made, for the ledger (kind "doctor"). */
export interface BilledCall {
  purpose: "model" | "stream" | "identity";
  model: string;
  answeredBy?: string;
  promptTokens: number;
  completionTokens: number;
  /** true when the upstream sent no usage and the tokens were estimated. */
  estimated: boolean;
  status: "done" | "error";
  ttftMs?: number;
  durationMs?: number;
}

/** What an answer said about its model. */
export interface AnswerSource {
  via: "completion" | "stream" | "identity";
  model?: string;
  fingerprint?: string;
}

/** One identity probe's answer (or why there is none). */
export interface ProbeAnswer {
  id: string;
  answer?: string;
  model?: string;
  error?: ErrorInfo;
}

/** One endpoint of the server's BASE_URL list, as the doctor shows it. */
export interface EndpointReport {
  host: string;
  state: "ok" | "cooling";
  failures: number;
  coolingForMs?: number;
  lastError?: string;
  /** This endpoint's reach, url and key results. */
  steps: StepResult[];
}

/** What POST /api/doctor answers, and what the browser's own-key driver builds the same way. */
export interface DoctorReport {
  model: string;
  /** "server": the server's upstream, with its key; "direct": the user's own endpoint from the browser. */
  via: "server" | "direct";
  endpoints: EndpointReport[];
  /** reach, url, key (over all endpoints) and model; stream and identity are the browser's. */
  steps: StepResult[];
  /** What the one-token completion said about itself. */
  sources: AnswerSource[];
  probes?: ProbeAnswer[];
  billed: BilledCall[];
}
