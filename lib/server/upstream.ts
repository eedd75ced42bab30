import "server-only";
import type { Readable } from "node:stream";
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch, request as undiciRequest } from "undici";
import type { OutboundProxy, ServerEnv } from "./env";
import type { StartUpstream, UpstreamResponse } from "./relay";
import { decodeContentEncoding } from "./content-encoding";

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
      signal,
      dispatcher,
      // A redirect would turn a POST into a GET, or carry the key elsewhere: report it instead.
      redirect: "manual",
    });
    return res as unknown as UpstreamResponse;
  };
}

type NodeHeaders = Record<string, string | string[] | undefined>;

/** Node's header record behind the `get()` the relay and the error classifier use. */
export function headerGetter(headers: NodeHeaders): { get(name: string): string | null } {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * The same call as fetchUpstream, for the node:http fast path: undici's request() on the same
 * pool, with a Node stream body (no fetch Request/Response/web-stream layers per call and chunk).
 * Like fetch with `redirect: "manual"` it never follows a redirect, and like fetch it decodes a
 * gzip/deflate/br body (fetch asks for compression; this does not, but some servers send it anyway).
 */
export function requestUpstream(request: UpstreamRequest, env: Pick<ServerEnv, "outboundProxy">): StartUpstream<Readable> {
  const dispatcher = getDispatcher(env);
  return async (signal) => {
    const res = await undiciRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      dispatcher,
    });
    const headers = headerGetter(res.headers);
    return { status: res.statusCode, headers, body: decodeContentEncoding(res.body, headers.get("content-encoding")) };
  };
}
