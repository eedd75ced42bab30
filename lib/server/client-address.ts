/**
 * Which client address a request counts against in the access-code lock-out.
 *
 * What Next 16 gives us (read in node_modules/next/dist/server/base-server.js, handleRequestImpl):
 *   req.headers['x-forwarded-for'] ??= originalRequest.socket.remoteAddress
 * i.e. Next fills X-Forwarded-For from the socket ONLY IF THE CLIENT DID NOT SEND ONE; a value sent
 * by the client is kept verbatim (neither overwritten nor appended to). proxy.ts receives only
 * headers, method, URL and body (next-server.js runMiddleware), never the socket, and
 * NextRequest has no `ip` since Next 15. So on a directly exposed server X-Forwarded-For and
 * X-Real-IP are whatever the client wants them to be, and keying the lock-out on them would let a
 * guesser rotate fake addresses forever.
 *
 * Therefore:
 * - Without TRUST_PROXY we use the socket's address, which instrumentation.ts records in the
 *   private PEER_HEADER before Next sees the request (lib/server/peer-address.ts, via Node's
 *   `http.server.request.start` diagnostics channel). The hook overwrites any client-sent copy of
 *   that header; if the hook is not running (a runtime where the channel never fires), the header is
 *   ignored and every client shares one bucket: the lock-out then errs on the side of refusing
 *   (fail closed) rather than being bypassable.
 * - The node:http fast path (node-proxy.ts) has the socket at hand and passes its address directly
 *   as `peerAddress`; the same rules apply to it.
 * - With TRUST_PROXY=N (1/true = one reverse proxy, e.g. nginx or Vercel) we take X-Forwarded-For
 *   counting N entries from the right: a proxy that appends ($proxy_add_x_forwarded_for) puts the
 *   address it saw last, and everything left of that was supplied by the client. The leftmost
 *   entry would be spoofable. X-Real-IP (set, not appended, by nginx) is the fallback when there is
 *   no X-Forwarded-For.
 */

export const PEER_HEADER = "x-relaychat-peer";
/** Bucket for requests whose address cannot be trusted or found. */
export const UNKNOWN_CLIENT = "unknown";

const HOOK_FLAG = Symbol.for("relaychat.peerHook");

export function peerHookActive(): boolean {
  return (globalThis as Record<symbol, unknown>)[HOOK_FLAG] === true;
}

export function markPeerHookActive(): void {
  (globalThis as Record<symbol, unknown>)[HOOK_FLAG] = true;
}

interface HeaderSource {
  get(name: string): string | null;
}

export interface ClientAddressOptions {
  trustProxyHops: number;
  peerHookActive: boolean;
  /** The socket's address when the caller has the socket (wins over PEER_HEADER). */
  peerAddress?: string;
}

function clean(address: string | null | undefined): string | null {
  if (!address) return null;
  let a = address.trim().toLowerCase();
  // "[::1]:1234" / "1.2.3.4:5678" forms some proxies send
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.replace(/:\d+$/, "");
  if (a.startsWith("::ffff:") && a.includes(".")) a = a.slice(7);
  if (!a || a.length > 64 || !/^[0-9a-f.:%\w-]+$/.test(a)) return null;
  return a;
}

export function clientAddress(headers: HeaderSource, options: ClientAddressOptions): string {
  if (options.trustProxyHops > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops.length > 0) {
      const picked = clean(hops[Math.max(0, hops.length - options.trustProxyHops)]);
      if (picked) return picked;
    }
    const realIp = clean(headers.get("x-real-ip"));
    if (realIp) return realIp;
  }
  if (options.peerAddress !== undefined) return clean(options.peerAddress) ?? UNKNOWN_CLIENT;
  if (options.peerHookActive) return clean(headers.get(PEER_HEADER)) ?? UNKNOWN_CLIENT;
  return UNKNOWN_CLIENT;
}
