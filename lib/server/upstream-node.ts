import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import { createDecoder } from "./content-encoding";
import type { ServerEnv } from "./env";
import { PushBody } from "./push-body";
import type { StartUpstream, UpstreamResponse } from "./relay";
import { getDispatcher, type UpstreamRequest } from "./upstream";
import type { AbortLike } from "./upstream-call";

/**
 * The same upstream call as fetchUpstream (same keep-alive pool, same HTTP(S)_PROXY handling, no
 * redirects followed, a Content-Encoding undone as fetch would), for the node:http fast path: a
 * bare undici dispatch whose handler pushes each chunk straight into a PushBody, without fetch's
 * Request/Response/web-stream layers or request()'s Readable. The abort signal behaves as fetch's:
 * the answer (or its body) fails with the signal's reason at once.
 */

type HeaderValues = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

/** Node's header record behind the `get()` the relay, the access gate and the error classifier use. */
export function headerGetter(headers: HeaderValues): { get(name: string): string | null } {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

class UpstreamHandler implements Dispatcher.DispatchHandler {
  readonly response: Promise<UpstreamResponse<PushBody>>;
  private resolve!: (res: UpstreamResponse<PushBody>) => void;
  private reject!: (err: unknown) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private body: PushBody | undefined;
  private decoder: ReturnType<typeof createDecoder> = null;
  private settled = false;
  private abortReason: Error | undefined;

  constructor(private readonly signal: AbortLike) {
    this.response = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (signal.aborted) this.onAbort();
    else signal.addEventListener("abort", this.onAbort, { once: true });
  }

  private readonly onAbort = () => {
    const reason = this.signal.reason instanceof Error ? this.signal.reason : new DOMException("This operation was aborted", "AbortError");
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.fail(reason);
  };

  private fail(err: unknown): void {
    this.signal.removeEventListener("abort", this.onAbort);
    if (!this.settled) {
      this.settled = true;
      this.reject(err);
    } else if (this.decoder) {
      this.decoder.destroy(err instanceof Error ? err : new Error(String(err)));
    } else {
      this.body?.error(err);
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200 || this.settled) return; // 1xx: the real answer follows
    this.settled = true;
    const body = new PushBody({ pause: () => controller.pause(), resume: () => controller.resume(), abort: (reason) => controller.abort(reason) });
    const get = headerGetter(headers);
    this.decoder = createDecoder(get.get("content-encoding"));
    if (this.decoder) {
      this.decoder.on("data", (chunk: Buffer) => body.push(chunk));
      this.decoder.on("end", () => body.end());
      this.decoder.on("error", (err) => body.error(err));
    }
    this.body = body;
    this.resolve({ status: statusCode, headers: get, body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.decoder) this.decoder.write(chunk);
    else this.body?.push(chunk);
  }

  onResponseEnd(): void {
    this.signal.removeEventListener("abort", this.onAbort);
    if (this.decoder) this.decoder.end();
    else this.body?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(this.abortReason ?? err);
  }
}

/** "https://host:port/base/v1/x?q" → origin and path, without a URL parse (the URL is our own, from upstreamUrl()). */
export function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf("/", url.indexOf("://") + 3);
  return slash < 0 ? { origin: url, path: "/" } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

export function requestUpstream(request: UpstreamRequest, env: Pick<ServerEnv, "outboundProxy">): StartUpstream<PushBody> {
  const dispatcher = getDispatcher(env);
  const { origin, path } = splitUrl(request.url);
  const body = request.body && Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  return (signal) => {
    const handler = new UpstreamHandler(signal);
    try {
      dispatcher.dispatch({ origin, path, method: request.method, headers: request.headers, body }, handler);
    } catch (err) {
      return Promise.reject(err);
    }
    return handler.response;
  };
}
