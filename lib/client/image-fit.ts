/**
 * Fitting the composer's pending images into the request's byte budget. Images not encoded yet
 * get an equal share of the room; then every image gets its share of what is left (shareBudget),
 * and one over it is encoded again, smaller. The encoder is passed in (image-encode.ts in the
 * browser, a fake in the tests), so the decisions are tested without a canvas.
 */
import { MAX_IMAGE_BYTES, shareBudget } from "./image-plan";
import { rawBytesWithin } from "@/lib/chat/request-bytes";

export interface FitState {
  id: string;
  /** Bytes of the image's data URL as encoded now; null while it is not encoded. */
  urlBytes: number | null;
}

/** The most raw bytes an image may take for a data-URL share (JPEG's prefix, the longest we write is as long). */
export function rawCap(shareUrlBytes: number): number {
  return Math.min(MAX_IMAGE_BYTES, rawBytesWithin(shareUrlBytes, "image/jpeg"));
}

/**
 * `items()` reads the pending images as they are now (one may be removed meanwhile); `encode`
 * encodes one within a raw byte cap and resolves when its new size is in `items()`.
 */
export async function fitImages(room: number, items: () => FitState[], encode: (id: string, maxRawBytes: number) => Promise<void>): Promise<void> {
  const share = Math.floor(room / Math.max(1, items().length));
  for (const item of items().filter((i) => i.urlBytes === null)) await encode(item.id, rawCap(share));
  // The new ones may have squeezed the older ones: every image gets its share of the room.
  const encoded = items().filter((i): i is FitState & { urlBytes: number } => i.urlBytes !== null);
  const caps = shareBudget(encoded.map((i) => i.urlBytes), room);
  for (let k = 0; k < encoded.length; k++) {
    if (encoded[k].urlBytes <= caps[k]) continue;
    if (!items().some((i) => i.id === encoded[k].id)) continue;
    await encode(encoded[k].id, rawCap(caps[k]));
  }
}
