// Types for e2e/mock-upstream.mjs (plain ESM so `node` runs it without a TypeScript loader).

export interface MockRequest {
  /** 1, 2, 3... in arrival order. */
  id: number;
  method: string;
  /** Path as received, e.g. "/v1/chat/completions" (without the query). */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text if it was not JSON, or null when empty. */
  body: any;
  /** Date.now() at arrival. */
  at: number;
  /** The client disconnected before the response ended. */
  aborted: boolean;
  /** The response was sent completely. */
  completed: boolean;
  /** The mock cut the connection itself (scenario "reset"). */
  resetByServer?: boolean;
  /** The usage this answer reports (sent in the usage chunk when the client asked for it). */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  /** The scenario used for a chat completion ("stream" by default). */
  scenario?: string;
  /** Date.now() right after the last piece of a streamed answer was written (benchmarks). */
  lastChunkAt?: number;
}

/** Options of a streamed answer (all optional). */
export interface StreamOptions {
  /** The answer text (default: a markdown answer quoting the question). */
  text?: string;
  /** Explicit content deltas, overriding `text`. */
  contentChunks?: string[];
  /** Split the text into this many content chunks. */
  chunks?: number;
  /** Delay between chunks (default 30 ms). */
  chunkDelayMs?: number;
  finishReason?: string;
  /** Send nothing (not even headers) for this long, then stream. */
  headersDelayMs?: number;
  /** Send headers at once, then nothing for this long, then stream. */
  bodyDelayMs?: number;
  /** Reasoning text sent as deltas carrying both `reasoning_content` and `reasoning`. */
  reasoning?: string;
  /** Stop half-way without finish chunk, usage or [DONE], ending the response cleanly. */
  cut?: boolean;
  /** Stop half-way by destroying the socket. */
  reset?: boolean;
  /** Stop half-way and stay silent until the client gives up. */
  stall?: boolean;
  /** Half the content, then a `data: {"error":...}` event (new-api shape). */
  midstreamError?: boolean;
  /** First chunk has `choices: []` and `prompt_filter_results` (Azure). */
  azureFilter?: boolean;
  /** Lines end in \r\n. */
  crlf?: boolean;
  /** `: PING` comment lines between chunks (new-api keep-alive). */
  pings?: boolean;
  /** Each piece starts with an SSE comment line `: t=<ms since the epoch, 3 decimals>`, its send time (bench/). */
  stamp?: boolean;
  /** Re-cut the byte stream into pieces of this many bytes (splits UTF-8 characters and lines). */
  byteSplit?: number;
  /** Send only `data: [DONE]`: no role chunk, no content, no finish_reason (a relay's refusal). */
  onlyDone?: boolean;
  /** After the content, a tool call (`delta.tool_calls`) in OpenAI's shape. */
  toolCalls?: boolean;
  /** Appended to the requested model in every chunk's `model` (a relay answering with a dated snapshot). */
  modelSuffix?: string;
  /** `system_fingerprint` of every chunk (default "fp_mock"). */
  fingerprint?: string;
  /** Answer like a title generator (a short title). */
  title?: boolean;
  long?: boolean;
}

export type MockScenario =
  | ({ kind: "stream" | "json" } & StreamOptions)
  /** A named error from RELAYS.md (`error`), or an explicit status/body. */
  | { kind: "error"; error?: MockErrorName; status?: number; body?: unknown; contentType?: string; headers?: Record<string, string>; delayMs?: number };

export type MockErrorName =
  | "error-401-openai"
  | "error-403-openai-region"
  | "error-400-context"
  | "error-400-max-tokens"
  | "error-400-unsupported-param"
  | "error-429-openai-rate"
  | "error-429-openai-quota"
  | "error-404-model"
  | "error-500-openai"
  | "error-401-oneapi"
  | "error-401-oneapi-no-token"
  | "error-401-oneapi-expired"
  | "error-401-oneapi-exhausted"
  | "error-401-oneapi-token-quota"
  | "error-401-oneapi-disabled"
  | "error-403-oneapi-model"
  | "error-403-oneapi-quota"
  | "error-403-oneapi-preconsume"
  | "error-503-oneapi-no-channel"
  | "error-429-oneapi-saturated"
  | "error-404-newapi-chained"
  | "error-502-html"
  | "error-504-html"
  | "error-404-html"
  | "error-413-html"
  | "error-524-html"
  | "error-504-vercel"
  | "error-200-body";

/**
 * Directive / enqueue names. Those marked -<n> take an optional number: "hang-1500" (ms),
 * "hang-body-1500", "hang-error-1500", "slow-50" (chunks), "stamped-20" (chunks, 5 ms apart, send times stamped).
 */
export type MockScenarioName =
  | "stream"
  | "json"
  | "title"
  | "hang"
  | "hang-body"
  | "hang-error"
  | "cut"
  | "reset"
  | "stall"
  | "midstream-error"
  | "length"
  | "content-filter"
  | "empty"
  | "tool-calls"
  | "other-model"
  | "reasoning-both"
  | "think"
  | "azure-filter"
  | "crlf"
  | "ping"
  | "slow"
  | "stamped"
  | "unicode"
  | MockErrorName
  /** Fixed answers of the billing paths (e2e/mock-scenarios.mjs BILLING). */
  | "billing-unlimited"
  | "billing-units"
  | "billing-error-200"
  | "billing-404"
  | `${"hang" | "hang-body" | "hang-error" | "slow" | "stamped"}-${number}`;

/** What enqueue() takes: a name, or a scenario object; `path` picks the endpoint it applies to. */
export type MockEnqueue = MockScenarioName | ((MockScenario | { name: MockScenarioName }) & { name?: MockScenarioName; path?: string });

export interface MockUpstream {
  /** e.g. "http://127.0.0.1:41234" — use as BASE_URL (with or without /v1). */
  url: string;
  port: number;
  /** Every request received, in order (live array). */
  requests: MockRequest[];
  /** Queue a scenario for the next matching request (default path: /v1/chat/completions). */
  enqueue(scenario: MockEnqueue): void;
  /** Forget recorded requests and queued scenarios, and list the default models again. */
  reset(): void;
  /** What GET /v1/models lists from now on (null: the default list). */
  setModels(ids: readonly string[] | null): void;
  /** Resolves with the first recorded request matching `predicate` (polls; default 5000 ms). */
  waitFor(predicate: (request: MockRequest) => boolean, timeoutMs?: number): Promise<MockRequest>;
  close(): Promise<void>;
}

export const SCENARIO_NAMES: readonly string[];

/** Where the API lives (default "both": at the root and under /v1, as one-api serves it); a path prefix such as "/api/paas/v4" serves it there only, without /v1. */
export type MockApiAt = "both" | "v1" | "root" | "none" | `/${string}`;

/** What paths outside the API answer: "none" a JSON 404 (default), or the relay's web site, a login page, a CDN's 502 error page. */
export type MockSite = "none" | "website" | "login" | "cdn-error";

/** `cors: false` sends no CORS headers (and answers a preflight like any request without a key): a relay that browsers may not call.
 *  `scenario`: what every chat completion answers unless one is queued (a `mock:` directive in the message is ignored then).
 *  `apiAt` and `site`: a relay whose API lives elsewhere than the address given (the connection doctor's URL-form step). */
export function startMockUpstream(options?: { port?: number; host?: "127.0.0.1"; log?: boolean; cors?: boolean; scenario?: string; apiAt?: MockApiAt; site?: MockSite }): Promise<MockUpstream>;
