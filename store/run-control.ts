/**
 * What the page needs about runs before the send path (store/run-completion.ts, loaded on the first
 * send or once the page is idle: store/send-path.ts) is in: where a call goes, how large its
 * body may be, and the runs in flight, to show and stop them.
 */
import type { ApiTarget } from "@/lib/client/api";
import { useConversations } from "./conversations";
import { useSettings } from "./settings";
import { useAccess } from "./access";

const controllers = new Map<string, AbortController>();

export function apiTarget(): ApiTarget {
  const { own } = useSettings.getState();
  const allowOwn = useAccess.getState().config?.allowUserApiKey !== false;
  if (own.enabled && allowOwn && own.apiKey) {
    return { via: "direct", accessCode: "", apiKey: own.apiKey, baseUrl: own.baseUrl };
  }
  return { via: "server", accessCode: useAccess.getState().code, apiKey: "", baseUrl: "" };
}

/** Own-key mode talks to the endpoint directly: its limit is unknown, so the proxy's default stands. */
const DIRECT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** The largest request body the next call may have: what the server said (/api/config), or the default. */
export function maxRequestBytes(target: ApiTarget = apiTarget()): number {
  if (target.via === "direct") return DIRECT_MAX_REQUEST_BYTES;
  return useAccess.getState().config?.maxRequestBytes ?? DIRECT_MAX_REQUEST_BYTES;
}

/** A run starts streaming into `messageId`; `controller` stops it. */
export function registerRun(messageId: string, controller: AbortController): void {
  controllers.set(messageId, controller);
}

export function endRun(messageId: string): void {
  controllers.delete(messageId);
}

export function isStreaming(messageId: string): boolean {
  return controllers.has(messageId);
}

export function stopMessage(messageId: string): void {
  controllers.get(messageId)?.abort();
}

export function stopConversation(convId: string): void {
  const conv = useConversations.getState().conversations[convId];
  for (const m of conv?.messages ?? []) if (m.status === "streaming") stopMessage(m.id);
}
