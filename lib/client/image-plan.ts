/**
 * The decisions behind preparing an attached image, as pure functions (image-encode.ts does the
 * decoding and drawing in the browser): which files are images we take, the size to draw them at,
 * which encodings to try in which order, and how a request's byte budget is shared among images.
 */

export const SUPPORTED_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type SupportedImageType = (typeof SUPPORTED_IMAGE_TYPES)[number];
export type EncodedType = "image/jpeg" | "image/png" | "image/webp";

/** The long side of what is sent: OpenAI scales anything larger down to this anyway. */
export const MAX_IMAGE_SIDE = 2048;
/** A file larger than this is not even read (a camera's RAW, a video renamed .jpg). */
export const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
/** No single image is sent larger than this, whatever the request's budget: it would only cost time. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** The smallest long side an image is shrunk to before the budget is declared too small. */
export const MIN_IMAGE_SIDE = 512;

/** The image format by its first bytes (the file's name and declared type can lie); null: not one we take. */
export function sniffImageType(head: Uint8Array): SupportedImageType | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  const ascii = (i: number, text: string) => at(i, ...Array.from(text, (c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "image/gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  return null;
}

/** The size to draw at: the long side at most `maxSide`, never enlarged, at least 1×1. */
export function targetSize(width: number, height: number, maxSide = MAX_IMAGE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface EncodeCandidate {
  type: EncodedType;
  maxSide: number;
  /** For JPEG and WebP; PNG is lossless. */
  quality?: number;
}

// Photos: first the full 2,048 px at a quality nobody sees a difference in, then lower quality,
// then fewer pixels. Each step roughly halves the bytes of a typical photo.
const LOSSY_STEPS: Array<[number, number]> = [
  [2048, 0.85],
  [2048, 0.72],
  [1600, 0.72],
  [1280, 0.7],
  [1024, 0.68],
  [768, 0.65],
  [512, 0.6],
];

/**
 * What to try, in order. An opaque image: JPEG. One with transparency: PNG while it stays within
 * the budget (screenshots, logos, diagrams are small as PNG and blur as JPEG), then WebP, which
 * keeps transparency at photo sizes (if the browser can encode it), and JPEG on white last.
 */
export function encodeCandidates(hasAlpha: boolean, canEncodeWebp: boolean): EncodeCandidate[] {
  const lossy = (type: EncodedType) => LOSSY_STEPS.map(([maxSide, quality]) => ({ type, maxSide, quality }));
  if (!hasAlpha) return lossy("image/jpeg");
  const png = [2048, 1024].map((maxSide) => ({ type: "image/png" as const, maxSide }));
  return canEncodeWebp ? [png[0], ...lossy("image/webp")] : [...png, ...lossy("image/jpeg")];
}

const pixels = (c: EncodeCandidate, width: number, height: number) => {
  const t = targetSize(width, height, c.maxSide);
  return t.width * t.height;
};

/**
 * After candidate `tried` came out at `gotBytes` (over `maxBytes`), the next one worth encoding:
 * within the same format, bytes scale about with the pixel count, so steps predicted to stay too
 * large are skipped (encoding a 2,048-px image costs a noticeable moment). A change of format
 * cannot be predicted: its first step is tried. Null when nothing is left to try.
 */
export function nextCandidate(list: EncodeCandidate[], tried: number, gotBytes: number, maxBytes: number, width: number, height: number): number | null {
  const from = list[tried];
  for (let i = tried + 1; i < list.length; i++) {
    const c = list[i];
    if (c.type !== from.type) return i;
    const qualityRatio = c.quality && from.quality ? c.quality / from.quality : 1;
    const predicted = gotBytes * (pixels(c, width, height) / pixels(from, width, height)) * qualityRatio ** 2;
    const lastOfType = i === list.length - 1 || list[i + 1].type !== c.type;
    // Within 10 % of the budget is worth a try; the last step of a format is always tried.
    if (predicted <= maxBytes * 1.1 || lastOfType) return i;
  }
  return null;
}

/**
 * Shares `room` bytes among images of these sizes: each gets an equal share, and what an image
 * under its share leaves over goes to the others. Returns each image's cap (its own size when it
 * already fits). With room for all of them, every cap is its size.
 */
export function shareBudget(sizes: readonly number[], room: number): number[] {
  const caps = sizes.map(() => 0);
  let left = Math.max(0, room);
  let open = sizes.map((_, i) => i);
  while (open.length > 0) {
    const share = Math.floor(left / open.length);
    const fitting = open.filter((i) => sizes[i] <= share);
    if (fitting.length === 0) {
      for (const i of open) caps[i] = share;
      break;
    }
    for (const i of fitting) {
      caps[i] = sizes[i];
      left -= sizes[i];
    }
    open = open.filter((i) => sizes[i] > share);
  }
  return caps;
}
