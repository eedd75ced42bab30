/**
 * The worker side of an off-thread chat stream: runs `streamChat` for each "start", sends the
 * chunks on in groups (lib/client/chunk-batcher.ts), then the result or the error.
 */
import { AppError, type ErrorInfo } from "@/lib/errors";
import type { ChatChunk } from "@/lib/upstream/chat-chunk";
import type { streamChat } from "./chat-stream";
import type { StreamCommand, StreamEvent } from "./chat-stream-protocol";
import { createChunkBatcher } from "./chunk-batcher";

// About two frames: the page shows text at most every 80 ms anyway, and the first chunk after a
// pause still goes at once.
export const CHUNK_FLUSH_MS = 25;

function toInfo(err: unknown): ErrorInfo {
  return err instanceof AppError ? err.toInfo() : { code: "unknown", status: 0, message: String((err as Error)?.message ?? err) };
}

export function createStreamHost(post: (event: StreamEvent) => void, stream: typeof streamChat, flushMs = CHUNK_FLUSH_MS) {
  const runs = new Map<number, AbortController>();
  return {
    handle(command: StreamCommand): void {
      if (command.type === "abort") {
        runs.get(command.id)?.abort();
        return;
      }
      const { id } = command;
      const controller = new AbortController();
      runs.set(id, controller);
      const batcher = createChunkBatcher<ChatChunk>((chunks) => post({ type: "chunks", id, chunks }), flushMs);
      stream({ url: command.url, headers: command.headers }, command.via, command.body, controller.signal, (chunk) => batcher.push(chunk))
        .then(
          (result) => {
            batcher.flush();
            post({ type: "end", id, result });
          },
          (err: unknown) => {
            batcher.flush();
            post({ type: "error", id, error: toInfo(err) });
          },
        )
        .finally(() => runs.delete(id));
    },
  };
}
