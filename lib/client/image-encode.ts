/**
 * Decoding and re-encoding an attached image in the browser: createImageBitmap decodes (a GIF's
 * first frame; EXIF orientation applied), a canvas draws it at most 2,048 px on its long side, and
 * the encoder tries the candidates of image-plan.ts until one fits the byte cap. Re-encoding also
 * drops the file's metadata (a photo's GPS position never leaves the browser).
 *
 * Loaded on the first attachment only: none of this is in the first page load.
 */
import { encodeCandidates, MAX_SOURCE_BYTES, nextCandidate, sniffImageType, targetSize, type EncodeCandidate, type EncodedType, type SupportedImageType } from "./image-plan";
import type { ImageRef } from "@/lib/types";

export type ImageProblem = "unsupported" | "undecodable" | "tooLarge";

/** Why a file cannot be attached; the UI words it from `reason` and names `fileName`. */
export class ImageInputError extends Error {
  constructor(
    readonly reason: ImageProblem,
    readonly fileName: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = "ImageInputError";
  }
}

interface Decoded {
  bitmap: ImageBitmap;
  source: SupportedImageType;
  hasAlpha: boolean;
}

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

function canvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(width, height);
  const c = document.createElement("canvas");
  c.width = width;
  c.height = height;
  return c;
}

function context2d(c: AnyCanvas): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const ctx = c.getContext("2d", { willReadFrequently: false }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error("no 2d canvas context");
  return ctx;
}

async function toBlob(c: AnyCanvas, type: EncodedType, quality?: number): Promise<Blob> {
  if ("convertToBlob" in c) return c.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error("canvas encoding failed"))), type, quality));
}

let webpSupport: Promise<boolean> | null = null;

/** Safari's canvas cannot write WebP (it silently writes PNG instead). */
function canEncodeWebp(): Promise<boolean> {
  webpSupport ??= toBlob(canvas(1, 1), "image/webp", 0.8).then(
    (b) => b.type === "image/webp",
    () => false,
  );
  return webpSupport;
}

/** Any pixel not fully opaque, judged on a small copy (a reduced transparent area still shows as alpha < 255). */
function detectAlpha(bitmap: ImageBitmap): boolean {
  const { width, height } = targetSize(bitmap.width, bitmap.height, 256);
  const c = canvas(width, height);
  const ctx = context2d(c);
  ctx.drawImage(bitmap, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] < 255) return true;
  return false;
}

/** Reads a file as one of the image types we take; throws ImageInputError naming what is wrong. */
async function decode(file: Blob, name: string): Promise<Decoded> {
  if (file.size > MAX_SOURCE_BYTES) throw new ImageInputError("tooLarge", name);
  const source = sniffImageType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!source) throw new ImageInputError("unsupported", name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageInputError("undecodable", name);
  }
  if (!bitmap.width || !bitmap.height) {
    bitmap.close();
    throw new ImageInputError("undecodable", name);
  }
  return { bitmap, source, hasAlpha: source !== "image/jpeg" && detectAlpha(bitmap) };
}

async function encode(img: Decoded, candidate: EncodeCandidate): Promise<{ blob: Blob; width: number; height: number }> {
  const { width, height } = targetSize(img.bitmap.width, img.bitmap.height, candidate.maxSide);
  const c = canvas(width, height);
  const ctx = context2d(c);
  if (candidate.type === "image/jpeg") {
    // JPEG has no transparency: transparent areas become white rather than black.
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
  }
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(img.bitmap, 0, 0, width, height);
  return { blob: await toBlob(c, candidate.type, candidate.quality), width, height };
}

export interface PreparedImage {
  ref: ImageRef;
  blob: Blob;
  /** false: even the smallest encoding is above `maxBytes` (the blob is that smallest one). */
  fits: boolean;
}

/**
 * Decodes `file` and encodes it as the best candidate within `maxBytes` (the image's share of the
 * request's budget). Throws ImageInputError for a file that is not a supported image.
 */
export async function prepareImage(file: Blob, name: string, id: string, maxBytes: number): Promise<PreparedImage> {
  const img = await decode(file, name);
  try {
    const list = encodeCandidates(img.hasAlpha, await canEncodeWebp());
    const { width, height } = img.bitmap;
    let i: number | null = 0;
    let best: { blob: Blob; width: number; height: number } | null = null;
    while (i !== null) {
      const out = await encode(img, list[i]);
      if (!best || out.blob.size < best.blob.size) best = out;
      if (out.blob.size <= maxBytes) {
        best = out;
        break;
      }
      i = nextCandidate(list, i, out.blob.size, maxBytes, width, height);
    }
    const chosen = best!;
    const ref: ImageRef = { id, mime: chosen.blob.type || list[0].type, width: chosen.width, height: chosen.height, bytes: chosen.blob.size };
    return { ref, blob: chosen.blob, fits: chosen.blob.size <= maxBytes };
  } finally {
    img.bitmap.close();
  }
}
