import "server-only";
import crypto, { createHash } from "node:crypto";
import { z } from "zod";
import { BaseUrlError, normalizeBaseUrl } from "../upstream/base-url";
import { CAPABILITY_FIELDS, type CapabilityTable, readCapabilityOverride } from "../models/capabilities";
import { blank, boolVar, intVar, proxyUrl, splitList, text, trustProxyVar } from "./env-vars";
import { type RedisConfig, redisConfig, redisUrlVar } from "./env-redis";
import { maxRequestMbVar, requestLimit } from "./env-limits";

// What other modules take from the environment's parts; they import it from here, like the rest.
export { redactRedisUrl, type RedisConfig } from "./env-redis";
export { DEFAULT_MAX_REQUEST_MB, MAX_REQUEST_MB_CEILING, VERCEL_MAX_REQUEST_BYTES } from "./env-limits";

/**
 * The only module that reads `process.env`. It runs at request time (and eagerly from
 * instrumentation.ts at boot), never at build time, so one build or Docker image serves every
 * deployment and `next build` works with an empty environment.
 *
 * Secrets (OPENAI_API_KEY, CODE) never appear in error messages, and the parsed object keeps the
 * key behind a function and the codes only as SHA-256 digests, so logging the object by mistake
 * cannot leak them.
 */

export type EnvSource = Record<string, string | undefined>;

export interface OutboundProxy {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export interface ServerEnv {
  /** Normalised root the API paths hang off (see lib/upstream/base-url.ts): the first of baseUrls. */
  baseUrl: string;
  /** Every endpoint of BASE_URL (comma-separated), normalised, in order; failover tries them in turn. */
  baseUrls: readonly string[];
  /**
   * With several endpoints: an attempt without response headers after this long moves on to the
   * next one (0 = never for lack of headers). Shorter than firstBytePingMs, so the decision falls
   * before the stream opens for pings: after that nothing is retried.
   */
  failoverHeaderTimeoutMs: number;
  /** First cool-down of a failing endpoint (doubling per consecutive failure, up to 15 min). */
  failoverCooldownMs: number;
  /** "Upstream configured" = a server key is set; BASE_URL defaults to OpenAI. */
  upstreamConfigured: boolean;
  /** Next server key (several comma-separated keys are used in turn, as in NextChat). */
  apiKey: () => string | undefined;
  /** SHA-256 digests of the access codes; empty = no code required. */
  codeDigests: readonly Buffer[];
  codeRequired: boolean;
  /** How many reverse-proxy hops to trust for the client address; 0 = trust none. */
  trustProxyHops: number;
  accessMaxFailures: number;
  accessWindowMs: number;
  /** Idle timeout: no byte from upstream for this long aborts the call. No total timeout. */
  requestTimeoutMs: number;
  /** How long a streamed call may stay silent before the response is committed and pinged. */
  firstBytePingMs: number;
  pingIntervalMs: number;
  customModels: string;
  defaultModel: string;
  /** MODEL_CAPABILITIES: the owner's per-model defaults (vision, reasoning, windows, prices). */
  modelCapabilities: CapabilityTable;
  /** null = connect directly. */
  outboundProxy: OutboundProxy | null;
  hideUserApiKey: boolean;
  disableModelTitle: boolean;
  /** ENABLE_BALANCE_QUERY (NextChat's name): code holders may read the server key's balance (the billing paths). */
  enableBalanceQuery: boolean;
  /** Where access-code lock-outs are shared between instances; null = this process's memory. */
  redis: RedisConfig | null;
  /**
   * The largest request body the proxy takes (MAX_REQUEST_MB, default 16 MiB; on Vercel at most
   * 4 MiB, under its 4.5 MB platform limit). The page learns it from /api/config and keeps every
   * request within it, shrinking images first.
   */
  maxRequestBytes: number;
}

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

const schema = z.object({
  OPENAI_API_KEY: text,
  BASE_URL: text,
  CODE: text,
  TRUST_PROXY: trustProxyVar,
  VERCEL: text,
  ACCESS_MAX_FAILURES: intVar(10, 1),
  ACCESS_WINDOW_MS: intVar(600_000, 1000),
  REQUEST_TIMEOUT_MS: intVar(300_000, 1000),
  FIRST_BYTE_PING_MS: intVar(3000, 0),
  PING_INTERVAL_MS: intVar(10_000, 50),
  FAILOVER_HEADER_TIMEOUT_MS: z.preprocess(blank, z.string().trim().regex(/^\d+$/, { error: "must be a whole number of milliseconds (0 = off)" }).transform(Number).optional()),
  FAILOVER_COOLDOWN_MS: intVar(60_000, 1000),
  CUSTOM_MODELS: text,
  DEFAULT_MODEL: text,
  MODEL_CAPABILITIES: text,
  HTTP_PROXY: proxyUrl,
  HTTPS_PROXY: proxyUrl,
  NO_PROXY: text,
  HIDE_USER_API_KEY: boolVar,
  DISABLE_MODEL_TITLE: boolVar,
  REDIS_URL: redisUrlVar,
  ENABLE_BALANCE_QUERY: boolVar,
  MAX_REQUEST_MB: maxRequestMbVar,
});


export function digestCode(code: string): Buffer {
  // crypto.hash (Node 20.12+) is the one-shot form, about half the cost per request.
  if (typeof crypto.hash === "function") return crypto.hash("sha256", code, "buffer");
  return createHash("sha256").update(code, "utf8").digest();
}

/** MODEL_CAPABILITIES='{"gpt4-all":{"vision":true,"contextWindow":128000}}': a JSON object per model. */
function parseCapabilities(raw: string | undefined, problems: string[]): CapabilityTable {
  if (typeof raw !== "string" || raw.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    problems.push('MODEL_CAPABILITIES: must be JSON such as {"gpt4-all":{"vision":true}}');
    return {};
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    problems.push('MODEL_CAPABILITIES: must be a JSON object such as {"gpt4-all":{"vision":true}}');
    return {};
  }
  const table: CapabilityTable = {};
  for (const [model, entry] of Object.entries(json)) {
    const parsed = readCapabilityOverride(entry);
    // Strict here: a misspelt field in the owner's config is reported, not silently dropped.
    const unknown = entry && typeof entry === "object" ? Object.keys(entry).filter((k) => !(CAPABILITY_FIELDS as readonly string[]).includes(k)) : [];
    if (!model.trim() || model.length > 200 || !parsed || unknown.length > 0) {
      problems.push(`MODEL_CAPABILITIES: ${JSON.stringify(model.slice(0, 60))}: fields are ${CAPABILITY_FIELDS.join(", ")} (flags true/false, counts and USD prices as numbers)`);
      return {};
    }
    table[model.trim()] = parsed;
  }
  return table;
}

/** Parses and validates an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: EnvSource): ServerEnv {
  // Proxy variables are conventionally accepted in lower case too.
  const input: EnvSource = {
    ...source,
    HTTP_PROXY: source.HTTP_PROXY ?? source.http_proxy,
    HTTPS_PROXY: source.HTTPS_PROXY ?? source.https_proxy,
    NO_PROXY: source.NO_PROXY ?? source.no_proxy,
  };
  const parsed = schema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".") || "?"}: ${issue.message}`);
  }
  const baseUrls: string[] = [];
  const rawBases = typeof input.BASE_URL === "string" ? splitList(input.BASE_URL) : [];
  rawBases.forEach((rawBase, i) => {
    try {
      const root = normalizeBaseUrl(rawBase);
      if (!baseUrls.includes(root)) baseUrls.push(root);
    } catch (err) {
      // The value is not echoed: a BASE_URL may carry credentials (https://user:pass@host).
      const why = err instanceof BaseUrlError && /http/.test(err.message) ? "must start with http:// or https://" : "is not a valid URL";
      problems.push(`BASE_URL${rawBases.length > 1 ? ` (endpoint ${i + 1})` : ""}: ${why}`);
    }
  });
  if (baseUrls.length === 0) baseUrls.push("https://api.openai.com");
  // A key with spaces or control characters would make the Authorization header throw later, and
  // that error message would carry the key into a log. Refuse it here, without echoing it.
  const rawKeys = typeof input.OPENAI_API_KEY === "string" ? splitList(input.OPENAI_API_KEY) : [];
  if (rawKeys.some((k) => !/^[\x21-\x7e]+$/.test(k))) problems.push("OPENAI_API_KEY: contains spaces or characters that are not printable ASCII");
  const modelCapabilities = parseCapabilities(input.MODEL_CAPABILITIES, problems);
  if (problems.length > 0 || !parsed.success) {
    throw new EnvError(`Invalid environment configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const e = parsed.data;
  // The header timeout must fall before the stream opens for pings (FIRST_BYTE_PING_MS): once the
  // browser got a byte, failover no longer applies. Unset, it takes 2 s, or 2/3 of a shorter ping delay.
  const failoverHeaderTimeoutMs = e.FAILOVER_HEADER_TIMEOUT_MS ?? Math.min(2000, Math.floor((e.FIRST_BYTE_PING_MS * 2) / 3));
  if (failoverHeaderTimeoutMs > 0 && failoverHeaderTimeoutMs >= e.FIRST_BYTE_PING_MS) {
    throw new EnvError(`Invalid environment configuration:\n  - FAILOVER_HEADER_TIMEOUT_MS: must be shorter than FIRST_BYTE_PING_MS (${e.FIRST_BYTE_PING_MS}), or 0`);
  }
  const keys = splitList(e.OPENAI_API_KEY);
  const codes = splitList(e.CODE);
  let turn = 0;
  const proxy: OutboundProxy = {};
  if (e.HTTP_PROXY) proxy.httpProxy = e.HTTP_PROXY;
  if (e.HTTPS_PROXY) proxy.httpsProxy = e.HTTPS_PROXY;
  if (e.NO_PROXY) proxy.noProxy = e.NO_PROXY;
  return {
    baseUrl: baseUrls[0],
    baseUrls,
    failoverHeaderTimeoutMs,
    failoverCooldownMs: e.FAILOVER_COOLDOWN_MS,
    upstreamConfigured: keys.length > 0,
    apiKey: () => (keys.length === 0 ? undefined : keys[turn++ % keys.length]),
    codeDigests: codes.map(digestCode),
    codeRequired: codes.length > 0,
    // Vercel's edge overwrites X-Forwarded-For with the real client address, so trust one hop
    // there unless told otherwise.
    trustProxyHops: e.TRUST_PROXY ?? (e.VERCEL === "1" ? 1 : 0),
    accessMaxFailures: e.ACCESS_MAX_FAILURES,
    accessWindowMs: e.ACCESS_WINDOW_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    firstBytePingMs: e.FIRST_BYTE_PING_MS,
    pingIntervalMs: e.PING_INTERVAL_MS,
    customModels: e.CUSTOM_MODELS ?? "",
    defaultModel: e.DEFAULT_MODEL ?? "",
    modelCapabilities,
    outboundProxy: proxy.httpProxy || proxy.httpsProxy ? proxy : null,
    hideUserApiKey: e.HIDE_USER_API_KEY ?? false,
    disableModelTitle: e.DISABLE_MODEL_TITLE ?? false,
    redis: e.REDIS_URL ? redisConfig(e.REDIS_URL) : null,
    enableBalanceQuery: e.ENABLE_BALANCE_QUERY ?? false,
    maxRequestBytes: requestLimit(e.MAX_REQUEST_MB, e.VERCEL === "1"),
  };
}


/** Where the standalone server (server/fast-server.ts) listens. Next's own server.js reads the same names. */
export interface ListenConfig {
  port: number;
  hostname: string;
  /** Node's keep-alive timeout for idle browser connections; undefined = Node's default. */
  keepAliveTimeoutMs?: number;
}

const listenSchema = z.object({
  PORT: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, { error: "must be a port number (0-65535)" })
      .transform(Number)
      .refine((n) => n <= 65535, { error: "must be a port number (0-65535)" })
      .optional(),
  ),
  HOSTNAME: text,
  KEEP_ALIVE_TIMEOUT: intVar(-1, 0),
});

/** Parses the listen address; throws EnvError naming a bad variable. */
export function parseListenConfig(source: EnvSource): ListenConfig {
  const parsed = listenSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "?"}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT ?? 3000,
    hostname: e.HOSTNAME ?? "0.0.0.0",
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT < 0 ? undefined : e.KEEP_ALIVE_TIMEOUT,
  };
}

export function getListenConfig(): ListenConfig {
  return parseListenConfig(process.env);
}

let cached: ServerEnv | undefined;

/** The validated server environment, read once on first use (request time, not build time). */
export function getEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
