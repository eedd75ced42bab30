/**
 * How a relay scenario is played against either relay adapter: relay.ts over web streams
 * (relay.test.ts) or relay-node.ts over push bodies and a ServerResponse (relay-node.test.ts). A
 * scenario is a scripted upstream, the relay options, what the browser does, and what it must
 * observe; each adapter's test file supplies a RelayHarness saying how its fake upstream body is
 * built and how the browser side reads the answer. The shared table is in
 * relay-scenarios.test-support.ts; scenarios only one adapter has stay in that adapter's file and
 * are played the same way (runRelayScenarios' second argument).
 *
 * Named *.test-support.ts so vitest's `lib/**\/*.test.ts` does not collect it as a test file of
 * its own, while tsc (tsconfig includes every .ts) still type-checks it.
 */
import { expect } from "vitest";
import type { AppError } from "../errors";
import type { RelayOptions, RelayResult, StartUpstream } from "./relay";
import type { AbortLike, RelayTimings } from "./upstream-call";

export const timings: RelayTimings = { firstBytePingMs: 60, pingIntervalMs: 25, idleTimeoutMs: 400 };
export const SSE = ['data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n', 'data: {"choices":[{"delta":{"content":"lo"}}]}\n\n', "data: [DONE]\n\n"];
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const enc = new TextEncoder();

// ---- the fake upstream

export type Step = string | Uint8Array | { wait: number } | { fail: Error } | "hang";

export interface Script {
  headersAfterMs?: number;
  status?: number;
  headers?: Record<string, string>;
  steps?: Step[];
  reject?: Error;
}

/** What the fake upstream saw of the relay. */
export interface Seen {
  signal?: AbortLike;
  /** The relay cancelled the upstream body (rather than the body ending or failing). */
  cancelled: boolean;
  cancelReason?: unknown;
}

/** An upstream body of the adapter's type B, fed by the script. */
export interface FakeBody<B> {
  body: B;
  push(bytes: Uint8Array): void;
  fail(err: Error): void;
  end(): void;
}

/**
 * A scripted upstream that honours the abort signal as fetch and upstream-node.ts do: the pending
 * answer, or its body, fails with the signal's reason at once. `makeBody` builds the adapter's body
 * and calls `onCancel` when the relay cancels it; nothing more is fed after that.
 */
export function scriptedUpstream<B>(script: Script, makeBody: (onCancel: (reason: unknown) => void) => FakeBody<B>): { start: StartUpstream<B>; seen: Seen } {
  const seen: Seen = { cancelled: false };
  const start: StartUpstream<B> = (signal) => {
    seen.signal = signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        if (script.reject) return reject(script.reject);
        let stopped = false;
        const fake = makeBody((reason) => {
          stopped = true;
          seen.cancelled = true;
          seen.cancelReason = reason;
        });
        const stop = (then: () => void) => {
          if (stopped) return;
          stopped = true;
          then();
        };
        signal.addEventListener("abort", () => stop(() => fake.fail(signal.reason as Error)), { once: true });
        resolve({ status: script.status ?? 200, headers: new Headers(script.headers ?? { "content-type": "text/event-stream" }), body: fake.body });
        void (async () => {
          for (const step of script.steps ?? []) {
            if (stopped || step === "hang") return;
            if (typeof step === "string") fake.push(enc.encode(step));
            else if (step instanceof Uint8Array) fake.push(step);
            else if ("wait" in step) await sleep(step.wait);
            else return stop(() => fake.fail(step.fail));
          }
          stop(() => fake.end());
        })();
      }, script.headersAfterMs ?? 0);
    });
  };
  return { start, seen };
}

// ---- the harness an adapter supplies

/** The browser's side of one streamed answer, as the adapter's server presents it. */
export interface Browser<S> {
  /** Its abort signal, as the adapter's server hands it to the relay. */
  signal: AbortLike;
  /** Starts reading a committed stream. */
  read(stream: S): void;
  /** The next chunk received, or null once the stream has ended. */
  next(): Promise<Uint8Array | null>;
  /** The tab goes away mid-stream: its abort signal fires (and its connection closes, where the server sees that). */
  leave(): void;
  /** The response is closed from the browser's side without the abort signal (Stop, a closed socket). */
  close(): Promise<void>;
}

/** How an adapter's upstream fails: fetch wraps socket errors in a TypeError, undici's dispatch does not. */
export interface UpstreamErrors {
  refused(): Error;
  broken(): Error;
}

export interface RelayHarness<B, S> {
  name: string;
  relay(start: StartUpstream<B>, options: RelayOptions): Promise<RelayResult<S>>;
  fake(script: Script): { start: StartUpstream<B>; seen: Seen };
  browser(): Browser<S>;
  errors: UpstreamErrors;
  /** The name of the reason the upstream body is cancelled with (web streams give none). */
  cancelReasonName: string | undefined;
}

// ---- playing a scenario

export interface Outcome {
  /** What the relay threw before committing anything. */
  error?: AppError;
  status?: number;
  headers?: Record<string, string>;
  /** Every byte the browser received, in order, and as text. */
  bytes: Uint8Array;
  text: string;
  /** The stream ended (rather than the wait after a browser action running out). */
  ended: boolean;
  /** For a browser that leaves or closes after the first chunk: what arrived after, and whether the upstream was aborted at once. */
  after?: string;
  abortedAtOnce?: boolean;
  seen: Seen;
}

export interface Scenario {
  name: string;
  stream: boolean;
  script: Script | ((errors: UpstreamErrors) => Script);
  timings?: Partial<RelayTimings>;
  /** After the first chunk arrives the browser leaves (abort signal) or closes the response; otherwise it reads to the end. */
  browser?: "leaves" | "closes";
  /** The relay must throw an AppError matching this (and commit nothing). */
  rejects?: Partial<Record<keyof AppError, unknown>>;
  then?: (o: Outcome, h: Pick<RelayHarness<unknown, unknown>, "cancelReasonName">) => void;
}

const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** What arrives until the stream ends or `ms` pass. */
async function drain<S>(browser: Browser<S>, ms: number): Promise<{ parts: Uint8Array[]; ended: boolean }> {
  const timeout = sleep(ms).then(() => "timeout" as const);
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await Promise.race([browser.next(), timeout]);
    if (chunk === "timeout") return { parts, ended: false };
    if (chunk === null) return { parts, ended: true };
    parts.push(chunk);
  }
}

/** Runs one scenario through an adapter and checks what the browser observed. */
export async function play<B, S>(h: RelayHarness<B, S>, s: Scenario): Promise<Outcome> {
  const { start, seen } = h.fake(typeof s.script === "function" ? s.script(h.errors) : s.script);
  const browser = h.browser();
  const options: RelayOptions = { stream: s.stream, timings: { ...timings, ...s.timings } };
  if (s.browser === "leaves") options.clientSignal = browser.signal;
  let result: RelayResult<S>;
  try {
    result = await h.relay(start, options);
  } catch (err) {
    if (!s.rejects) throw err;
    expect(err).toMatchObject(s.rejects);
    return { error: err as AppError, bytes: new Uint8Array(), text: "", ended: true, seen };
  }
  expect(s.rejects, "the relay answered instead of throwing").toBeUndefined();
  const outcome = { status: result.status, headers: result.headers, seen };
  let o: Outcome;
  if (typeof result.body === "string") {
    o = { ...outcome, bytes: enc.encode(result.body), text: result.body, ended: true };
  } else if (!s.browser) {
    browser.read(result.body);
    const { parts, ended } = await drain(browser, 5000);
    const bytes = concat(parts);
    o = { ...outcome, bytes, text: new TextDecoder().decode(bytes), ended };
  } else {
    browser.read(result.body);
    const first = (await browser.next()) ?? new Uint8Array();
    if (s.browser === "leaves") browser.leave();
    else await browser.close();
    const abortedAtOnce = seen.signal?.aborted ?? false;
    const rest = await drain(browser, 350);
    const bytes = concat([first, ...rest.parts]);
    o = { ...outcome, bytes, text: new TextDecoder().decode(bytes), ended: rest.ended, after: new TextDecoder().decode(concat(rest.parts)), abortedAtOnce };
  }
  s.then?.(o, h);
  return o;
}
