/**
 * How many bytes a chat request body will have, before it is built: the byte budget that keeps a
 * request under the limits on its way (this server's, nginx's client_max_body_size, Vercel's).
 * Exact for what this client sends: base64 and the data-URL prefix are plain ASCII that JSON does
 * not escape, and text is measured as the UTF-8 of its JSON string.
 */
import { toWireMessage } from "./content-parts";
import type { ApiMessage, ImageRef } from "../types";

/** Length of the base64 encoding of `bytes` bytes (padded). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(Math.max(0, bytes) / 3);
}

/** Length of `data:<mime>;base64,<data>` for this image. */
export function dataUrlLength(ref: Pick<ImageRef, "mime" | "bytes">): number {
  return `data:${ref.mime};base64,`.length + base64Length(ref.bytes ?? 0);
}

/** The most raw bytes an image may have so that its data URL takes at most `urlBytes`. */
export function rawBytesWithin(urlBytes: number, mime: string): number {
  const room = urlBytes - `data:${mime};base64,`.length;
  return room <= 0 ? 0 : Math.floor(room / 4) * 3;
}

/** UTF-8 length of a string, without allocating its encoding. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Text-only messages repeat on every keystroke's preview: their size is kept by content. The
// cache is dropped whole when it grows past a long conversation's worth.
const textCache = new Map<string, number>();
const TEXT_CACHE_MAX = 20_000;

/** Bytes one message adds to the body's `messages` array, its separating comma included. */
export function messageBytes(m: ApiMessage): number {
  if (!m.images?.length) {
    let text = textCache.get(m.content);
    if (text === undefined) {
      if (textCache.size >= TEXT_CACHE_MAX) textCache.clear();
      text = utf8Length(JSON.stringify(m.content));
      textCache.set(m.content, text);
    }
    // {"role":"…","content":…} and a comma.
    return `{"role":"${m.role}","content":}`.length + text + 1;
  }
  // The shape with empty URLs, then each URL's real length.
  let urls = 0;
  for (const ref of m.images) urls += dataUrlLength(ref);
  return utf8Length(JSON.stringify(toWireMessage(m, () => ""))) + urls + 1;
}

/** Bytes of a request body around its messages (model, parameters, the empty array). */
export function envelopeBytes(bodyWithoutMessages: Record<string, unknown>): number {
  return utf8Length(JSON.stringify({ ...bodyWithoutMessages, messages: [] }));
}

/** A size as people read it, in the binary units nginx and MAX_REQUEST_MB use ("16 MB" = 16 MiB). */
export function formatBytes(bytes: number, lang = "en"): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${mb.toLocaleString(lang, { maximumFractionDigits: mb >= 10 ? 0 : 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(lang)} kB`;
}
