// Small HTTP helpers for the browser-less proxy e2e tests.
import http from "node:http";
import net from "node:net";

export const CODE = { "x-access-code": "secret1" };
/** Every POST to /api/* must say so (lib/server/request-guard.ts). */
export const JSON_TYPE = { "content-type": "application/json" };

export function chatBody(content: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content }], ...extra });
}

export function postChat(base: string, content: string, extra: Record<string, unknown> = {}, init: RequestInit = {}) {
  return fetch(`${base}/api/openai/v1/chat/completions`, {
    method: "POST",
    ...init,
    headers: { "content-type": "application/json", ...CODE, ...(init.headers as Record<string, string> | undefined) },
    body: chatBody(content, extra),
  });
}

export interface TimedRead {
  text: string;
  /** Each network read with its arrival time (ms since the request started). */
  reads: { at: number; text: string }[];
}

/** Reads a streamed body completely, noting when each piece arrived. */
export async function readTimed(res: Response, startedAt: number): Promise<TimedRead> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const reads: { at: number; text: string }[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    reads.push({ at: Date.now() - startedAt, text: decoder.decode(value, { stream: true }) });
  }
  return { text: reads.map((r) => r.text).join(""), reads };
}

/** The payloads of the `data:` events of an SSE text. */
export function dataEvents(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((e) => e.trim())
    .filter((e) => e.startsWith("data:"))
    .map((e) => e.slice(5).trim());
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with the path sent exactly as written (fetch would normalise `..` and `%2e`), from a
 * chosen local address (127.0.0.x) to look like another client.
 */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string, localAddress?: string): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Values that must never appear in the server's output. */
export const SECRETS = ["secret1", "secret2", "sk-test"];

/**
 * Writes `request` as it is on a fresh socket and returns whatever comes back ("" if the server
 * closes the connection without an answer). For what http.request cannot send, such as CONNECT.
 */
export function rawExchange(base: string, request: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(request));
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => socket.destroy());
  });
}
