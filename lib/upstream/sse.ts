/**
 * A Server-Sent Events decoder that follows the WHATWG line rules, written for streams that pass
 * through relays, nginx and CDNs: chunks arrive split at arbitrary byte positions (mid-line,
 * mid-JSON, inside a multi-byte UTF-8 character), lines may end in `\n`, `\r\n` or a bare `\r`,
 * keep-alive comments (`: ping`, `: PING`) are interleaved, and streams may stop without a final
 * blank line or `[DONE]`.
 *
 * It only frames events; interpreting `data` (JSON chunks, `[DONE]`) is lib/upstream/chat-chunk.ts's job.
 */

export interface SseEvent {
  data: string;
  event?: string;
  id?: string;
}

export interface SseDecoder {
  push(chunk: Uint8Array | string): void;
  /** Flushes a trailing partial line and delivers an event that lacked its final blank line. */
  end(): void;
}

export function createSseDecoder(
  onEvent: (e: SseEvent) => void,
  onComment?: (text: string) => void,
): SseDecoder {
  // stream: true keeps the first bytes of a split multi-byte character until the rest arrives.
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  // A chunk ending in `\r` may be the first half of `\r\n`; remember to swallow the `\n`.
  let skipLeadingLf = false;
  let atStreamStart = true;
  let ended = false;

  let dataLines: string[] = [];
  let hasData = false;
  let eventType: string | undefined;
  // Per the spec the last event id persists across events until changed.
  let lastEventId: string | undefined;

  function dispatch(): void {
    if (!hasData) {
      // The spec resets the event type even when nothing is dispatched.
      eventType = undefined;
      return;
    }
    const e: SseEvent = { data: dataLines.join("\n") };
    if (eventType !== undefined) e.event = eventType;
    if (lastEventId !== undefined) e.id = lastEventId;
    dataLines = [];
    hasData = false;
    eventType = undefined;
    onEvent(e);
  }

  function processLine(line: string): void {
    if (line === "") {
      dispatch();
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) {
      if (onComment) onComment(line.slice(1).replace(/^ /, ""));
      return;
    }
    const colon = line.indexOf(":");
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      // Only ONE leading space is part of the syntax; further spaces belong to the value.
      if (value.charCodeAt(0) === 32) value = value.slice(1);
    }
    switch (field) {
      case "data":
        dataLines.push(value);
        hasData = true;
        break;
      case "event":
        eventType = value;
        break;
      case "id":
        if (!value.includes("\u0000")) lastEventId = value;
        break;
      default:
        // `retry` and unknown fields are ignored: we never reconnect a chat POST automatically.
        break;
    }
  }

  function feed(text: string): void {
    if (!text) return;
    if (atStreamStart) {
      atStreamStart = false;
      // TextDecoder already drops a BOM from bytes; string input may still carry one.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (skipLeadingLf) {
      skipLeadingLf = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    buffer += text;
    let start = 0;
    // Walk with an index instead of re-slicing the buffer per line: a big chunk stays linear.
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      processLine(buffer.slice(start, i));
      if (c === 13) {
        if (i + 1 < buffer.length) {
          if (buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
  }

  return {
    push(chunk) {
      if (ended) return;
      feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      if (ended) return;
      ended = true;
      // A dangling partial character becomes U+FFFD rather than vanishing silently.
      feed(decoder.decode());
      if (buffer !== "") {
        processLine(buffer);
        buffer = "";
      }
      dispatch();
    },
  };
}
