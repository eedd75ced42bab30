import "server-only";
import { getEnv, type ServerEnv } from "./env";
import { errorRetryReason, type EndpointSnapshot, type FailoverEvent, FailoverState, HeaderTimeout, responseRetryReason } from "./failover";
import type { StartUpstream, UpstreamResponse } from "./relay";
import type { UpstreamRequest } from "./upstream";
import { type AbortLike, LightAbort } from "./upstream-call";

/**
 * failover.ts's decisions around a real upstream call, for both servers: the route handler passes
 * fetchUpstream, the fast path requestUpstream. One endpoint (the common case) is called exactly
 * as before, with no wrapper at all.
 */

type FailoverEnv = Pick<ServerEnv, "baseUrls" | "failoverCooldownMs" | "failoverHeaderTimeoutMs">;

const HOLDER = Symbol.for("relaychat.failover");
type Holder = { [HOLDER]?: { key: string; state: FailoverState } };

/**
 * The process-wide state for these endpoints. On globalThis: the fast path (its own esbuild
 * bundle) and Next's route handler run in one process and must share it.
 */
export function failoverState(env: FailoverEnv): FailoverState {
  const holder = globalThis as Holder;
  const key = JSON.stringify([env.baseUrls, env.failoverCooldownMs]);
  const existing = holder[HOLDER];
  if (existing?.key === key) return existing.state;
  const cooldownMs = env.failoverCooldownMs;
  const state = new FailoverState(env.baseUrls, { cooldownMs, maxCooldownMs: Math.max(cooldownMs, 15 * 60_000) });
  holder[HOLDER] = { key, state };
  return state;
}

/** Each endpoint's state (host, ok or cooling, failures, last error), for the connection doctor. */
export function failoverSnapshot(env: FailoverEnv = getEnv()): EndpointSnapshot[] {
  return failoverState(env).snapshot();
}

function log(event: FailoverEvent | null): void {
  if (!event) return;
  // Host and a reason made from an error code or a status: no path, query, key or body.
  if (event.kind === "cooldown") console.warn(`[failover] ${event.host} failed (${event.reason}): skipped for ${Math.round(event.ms / 1000)} s`);
  else console.warn(`[failover] ${event.host} answers again`);
}

/** An attempt's own signal: follows the call's, and can be aborted alone (header timeout, discarded answer). */
function attemptSignal(parent: AbortLike): { signal: LightAbort; release(): void } {
  const signal = new LightAbort();
  const follow = () => signal.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  return { signal, release: () => parent.removeEventListener("abort", follow) };
}

/**
 * Tries `starts` (one per endpoint, in BASE_URL order) in the order `state` gives, moving on while
 * a failure is one failover.ts retries, there is another endpoint, and nothing has gone to the
 * browser (`committed`, from the relay: it turns true once the stream opened for `: ping`s). An
 * attempt still without headers after `headerTimeoutMs` is abandoned for the next one, except the
 * last, which is waited for as a single endpoint would be. The last answer or error stands.
 */
export function failoverStart<B>(state: FailoverState, starts: readonly StartUpstream<B>[], headerTimeoutMs: number): StartUpstream<B> {
  return async (signal, committed) => {
    const order = state.order();
    for (let n = 0; ; n++) {
      const i = order[n];
      const last = n === order.length - 1;
      const attempt = attemptSignal(signal);
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (!last && headerTimeoutMs > 0) {
        timer = setTimeout(() => {
          // Once the stream has opened there is no moving on: keep waiting for this endpoint.
          if (!committed?.()) attempt.signal.abort(new HeaderTimeout(headerTimeoutMs));
        }, headerTimeoutMs);
      }
      let res: UpstreamResponse<B>;
      try {
        res = await starts[i](attempt.signal);
      } catch (err) {
        clearTimeout(timer);
        attempt.release();
        // The browser left or the idle timer fired: nobody's fault, nothing to retry.
        if (signal.aborted) throw err;
        const reason = errorRetryReason(err);
        if (reason) log(state.failed(i, reason));
        if (!reason || last || committed?.()) throw err;
        continue;
      }
      clearTimeout(timer);
      const reason = responseRetryReason(res.status, res.headers.get("content-type"));
      log(reason ? state.failed(i, reason) : state.succeeded(i));
      if (!reason || last || committed?.() || signal.aborted) {
        attempt.release();
        return res;
      }
      // Discarded unread: aborting the attempt closes its connection on both adapters.
      attempt.signal.abort(new DOMException("Discarded for the next endpoint", "AbortError"));
      attempt.release();
    }
  };
}

/**
 * The start function for a prepared request: `make` (fetchUpstream or requestUpstream) as it is
 * for one endpoint; for several, one per endpoint URL (`urls`, in BASE_URL order) under failover.
 */
export function withFailover<B>(
  request: UpstreamRequest,
  urls: readonly string[] | undefined,
  env: FailoverEnv & Pick<ServerEnv, "outboundProxy">,
  make: (request: UpstreamRequest, env: Pick<ServerEnv, "outboundProxy">) => StartUpstream<B>,
): StartUpstream<B> {
  if (!urls || urls.length < 2) return make(request, env);
  // The body is a buffered Uint8Array (prepareProxyCall reads it whole), so each attempt resends it.
  const starts = urls.map((url) => make({ ...request, url }, env));
  return failoverStart(failoverState(env), starts, env.failoverHeaderTimeoutMs);
}
