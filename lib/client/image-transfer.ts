/**
 * Images in and out of an export file: their bytes travel as base64 beside the conversations
 * (lib/import/transfer.ts ExportImage), and an import puts them back into IndexedDB before the
 * conversations that name them.
 */
import type { ExportImage } from "@/lib/import/transfer";
import type { Conversation } from "@/lib/types";
import { getImage, putImages, storedImageIds } from "./storage-images";
import { imageRefsOf } from "./image-store";

export { imageRefsOf };

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The stored images of these conversations, as export entries; images whose blob is gone are left out. */
export async function exportImages(conversations: readonly Conversation[]): Promise<ExportImage[]> {
  const out: ExportImage[] = [];
  for (const ref of imageRefsOf(conversations)) {
    const stored = await getImage(ref.id).catch(() => undefined);
    if (!stored) continue;
    out.push({ id: ref.id, mime: stored.mime, width: stored.width, height: stored.height, data: toBase64(new Uint8Array(await stored.blob.arrayBuffer())) });
  }
  return out;
}

/**
 * Stores the file's images that its conversations name and this browser does not hold yet (an
 * image already here is the same one: ids are unique per attachment). Returns how many it stored.
 */
export async function restoreImages(images: readonly ExportImage[] | undefined, conversations: readonly Conversation[]): Promise<number> {
  if (!images?.length) return 0;
  const named = new Set(imageRefsOf(conversations).map((r) => r.id));
  const wanted = images.filter((img) => named.has(img.id));
  if (wanted.length === 0) return 0;
  const have = await storedImageIds(wanted.map((img) => img.id));
  const now = Date.now();
  const fresh = wanted.filter((img) => !have.has(img.id));
  await putImages(fresh.map((img) => ({ id: img.id, blob: new Blob([fromBase64(img.data) as BlobPart], { type: img.mime }), mime: img.mime, width: img.width, height: img.height, at: now })));
  return fresh.length;
}
