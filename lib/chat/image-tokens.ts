/**
 * Prompt tokens of image inputs by OpenAI's tile formula (GPT-4o, GPT-4.1 and their relays'
 * copies). Other vendors count images their own way, so the figure is always shown as an estimate;
 * the ledger records what the upstream reported.
 *
 * detail "low": a flat 85. "high" (and "auto", which OpenAI treats as high for images this
 * client sends): fit within 2048×2048, then scale down so the shortest side is 768, then count
 * 512-pixel tiles: 170 per tile, plus 85.
 */
import type { ImageRef } from "../types";

export type ImageDetail = "auto" | "low" | "high";

export const IMAGE_BASE_TOKENS = 85;
export const IMAGE_TILE_TOKENS = 170;
const FIT_SIDE = 2048;
const SHORT_SIDE = 768;
const TILE = 512;

export function imageTokens(width: number, height: number, detail: ImageDetail = "auto"): number {
  if (detail === "low" || !(width > 0) || !(height > 0)) return IMAGE_BASE_TOKENS;
  let w = width;
  let h = height;
  const fit = Math.min(1, FIT_SIDE / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(w, h);
  // Only ever scaled down: a small image is not blown up to 768.
  if (shortest > SHORT_SIDE) {
    const s = SHORT_SIDE / shortest;
    w *= s;
    h *= s;
  }
  // A side that comes out a hair above a tile edge through floating point is not a whole extra tile.
  const tiles = Math.ceil(w / TILE - 1e-9) * Math.ceil(h / TILE - 1e-9);
  return IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * tiles;
}

/** Estimated prompt tokens of a message's images (0 without any). */
export function imagesTokens(images: readonly ImageRef[] | undefined, detail: ImageDetail = "auto"): number {
  if (!images?.length) return 0;
  let total = 0;
  for (const img of images) total += imageTokens(img.width, img.height, detail);
  return total;
}
