/** Messages between the page and the chat stream worker (lib/client/chat-stream.worker.ts). */
import type { ErrorInfo } from "@/lib/errors";
import type { ChatChunk } from "@/lib/upstream/chat-chunk";
import type { StreamResult } from "./chat-stream";
import type { Via } from "./network-failure";

export type StreamCommand =
  | { type: "start"; id: number; url: string; headers: Record<string, string>; body: unknown; via: Via }
  | { type: "abort"; id: number };

export type StreamEvent =
  /** The worker's script is running: a run sent from now on reaches the network. */
  | { type: "ready" }
  | { type: "chunks"; id: number; chunks: ChatChunk[] }
  | { type: "end"; id: number; result: StreamResult }
  | { type: "error"; id: number; error: ErrorInfo };
