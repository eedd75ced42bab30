/// <reference lib="webworker" />
/**
 * Counts tokens off the main thread: decoding the rank tables (~1.5 s for o200k on a slow
 * machine) and counting a long history would otherwise freeze typing and streaming.
 */
import { loadTokenizer } from "@/lib/tokens";
import { createTokenizerCore } from "./tokenizer-core";
import type { TokenizerRequest } from "./tokenizer-protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = createTokenizerCore({ post: (response) => scope.postMessage(response), load: loadTokenizer });
scope.onmessage = (event: MessageEvent<TokenizerRequest>) => core.handle(event.data);
