/// <reference lib="webworker" />
/**
 * Reads chat completion streams off the main thread. At 200 tokens a second the page otherwise
 * runs a network task, an SSE parse and a JSON.parse per token; here they run beside it, and the
 * page gets the chunks a few dozen times a second (lib/client/chat-stream-host.ts).
 */
import { streamChat } from "./chat-stream";
import { createStreamHost } from "./chat-stream-host";
import type { StreamCommand } from "./chat-stream-protocol";

// fetch-event-source's cleanup calls `document.removeEventListener` and `window.clearTimeout`
// even with openWhenHidden: here `window` is this scope and the document is one never hidden.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const globals = globalThis as Record<string, unknown>;
globals.window ??= globalThis;
globals.document ??= { hidden: false, addEventListener() {}, removeEventListener() {} };

const host = createStreamHost((event) => scope.postMessage(event), streamChat);
scope.onmessage = (event: MessageEvent<StreamCommand>) => host.handle(event.data);
scope.postMessage({ type: "ready" });
