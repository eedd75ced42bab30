/**
 * The messages of a request as they go on the wire. A message without images keeps its plain
 * string content (what every relay understands); one with images becomes OpenAI's content parts,
 * the text first, then each image as a data URL. Relays pass this shape on to Claude and Gemini.
 */
import type { ApiMessage, ContentPart, ImageRef, WireMessage } from "../types";

/** What the model reads where an image's blob is gone (a cleared site, an import without its data). */
export const MISSING_IMAGE_TEXT = "[An image was attached here, but it is no longer stored in this browser.]";

/** `dataUrlOf` gives an image's data URL, or null when its blob is gone. */
export function toWireMessage(m: ApiMessage, dataUrlOf: (ref: ImageRef) => string | null): WireMessage {
  if (!m.images?.length) return { role: m.role, content: m.content };
  const parts: ContentPart[] = [];
  if (m.content) parts.push({ type: "text", text: m.content });
  for (const ref of m.images) {
    const url = dataUrlOf(ref);
    parts.push(url === null ? { type: "text", text: MISSING_IMAGE_TEXT } : { type: "image_url", image_url: { url } });
  }
  return { role: m.role, content: parts };
}

export function toWireMessages(messages: readonly ApiMessage[], dataUrlOf: (ref: ImageRef) => string | null): WireMessage[] {
  return messages.map((m) => toWireMessage(m, dataUrlOf));
}

/** Every image the messages carry, each once, in order. */
export function imagesOf(messages: readonly ApiMessage[]): ImageRef[] {
  const seen = new Set<string>();
  const out: ImageRef[] = [];
  for (const m of messages) {
    for (const ref of m.images ?? []) {
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      out.push(ref);
    }
  }
  return out;
}
