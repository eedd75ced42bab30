import "server-only";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { markPeerHookActive, peerHookActive, PEER_HEADER } from "./client-address";
import { RENAMED_TRACE } from "./request-guard";

/**
 * Records each request's socket address in PEER_HEADER before Next handles it, so proxy.ts can
 * key the lock-out on the real peer (see client-address.ts for why headers cannot be used).
 *
 * Node publishes `http.server.request.start` synchronously for every request of every http(s)
 * server in the process, before the server's 'request' event; this is a public, documented hook,
 * so no Next internals are patched. Installed once per process from instrumentation.ts.
 *
 * It also renames TRACE (see RENAMED_TRACE): Next would answer it with a 500 and a stack trace
 * before proxy.ts runs; renamed, it is refused with 405 like any other unknown method.
 */

const CHANNEL = "http.server.request.start";
const HOLD = Symbol.for("relaychat.peerHook.subscriber");

interface StartMessage {
  request: IncomingMessage;
  socket: Socket;
}

function onRequestStart(message: unknown): void {
  const { request, socket } = message as StartMessage;
  if (request.method === "TRACE") request.method = RENAMED_TRACE;
  const address = socket?.remoteAddress;
  // Always overwrite: a client-sent header of the same name must never survive.
  if (address) request.headers[PEER_HEADER] = address;
  else delete request.headers[PEER_HEADER];
}

export function installPeerAddressHook(): void {
  if (peerHookActive()) return;
  diagnostics.subscribe(CHANNEL, onRequestStart);
  // Keep a strong reference: channels without one may be garbage-collected on older Nodes.
  (globalThis as Record<symbol, unknown>)[HOLD] = diagnostics.channel(CHANNEL);
  markPeerHookActive();
}
