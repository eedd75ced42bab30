/// <reference lib="webworker" />
/**
 * Holds the search index off the main thread: building it over a long history and searching it
 * on every keystroke would otherwise compete with typing and streaming.
 */
import { createSearchCore } from "@/lib/search/worker-core";
import type { SearchRequest } from "@/lib/search/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = createSearchCore((response) => scope.postMessage(response));
scope.onmessage = (event: MessageEvent<SearchRequest>) => core.handle(event.data);
