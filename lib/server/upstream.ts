import "server-only";
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import type { OutboundProxy, ServerEnv } from "./env";
import type { StartUpstream, UpstreamResponse } from "./relay";
import { toAbortSignal } from "./upstream-call";

/**
 * Outgoing HTTP: one keep-alive connection pool per process (TLS handshakes to the relay are
 * the expensive part of a short call), through HTTP(S)_PROXY when configured.
 *
 * undici's own timeouts are off: relay.ts runs an idle timer (REQUEST_TIMEOUT_MS without a byte)
 * instead, because a reasoning model may legitimately think for minutes but a total timeout would
 * cut long answers.
 */

const POOL_OPTIONS = {
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 10 * 60_000,
  headersTimeout: 0,
  bodyTimeout: 0,
  connect: { timeout: 15_000 },
} satisfies Agent.Options;

const HOLDER = Symbol.for("relaychat.dispatcher");
type Holder = { [HOLDER]?: { key: string; dispatcher: Dispatcher } };

function createDispatcher(proxy: OutboundProxy | null): Dispatcher {
  if (!proxy) return new Agent(POOL_OPTIONS);
  // Values come from lib/server/env.ts; an empty string stops undici reading process.env itself.
  return new EnvHttpProxyAgent({
    ...POOL_OPTIONS,
    httpProxy: proxy.httpProxy ?? "",
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? "",
    noProxy: proxy.noProxy ?? "",
  });
}

export function getDispatcher(env: Pick<ServerEnv, "outboundProxy">): Dispatcher {
  const holder = globalThis as Holder;
  const key = JSON.stringify(env.outboundProxy);
  const existing = holder[HOLDER];
  if (existing && existing.key === key) return existing.dispatcher;
  const dispatcher = createDispatcher(env.outboundProxy);
  holder[HOLDER] = { key, dispatcher };
  return dispatcher;
}

export interface UpstreamRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** A deferred fetch for relay.ts, which owns the abort signal. */
export function fetchUpstream(request: UpstreamRequest, env: Pick<ServerEnv, "outboundProxy">): StartUpstream {
  const dispatcher = getDispatcher(env);
  return async (signal) => {
    const res = await undiciFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: toAbortSignal(signal),
      dispatcher,
      // A redirect would turn a POST into a GET, or carry the key elsewhere: report it instead.
      redirect: "manual",
    });
    return res as unknown as UpstreamResponse;
  };
}
