/**
 * The images of this page: blobs kept in memory once attached or read (a thumbnail or a request
 * never waits on IndexedDB twice), written to IndexedDB as soon as they are encoded, so the blob
 * is stored before any message names it (storage-images.ts). Data URLs are made only when a
 * request is built.
 */
import type { Conversation, ImageRef } from "@/lib/types";
import { deleteImages, getImage, putImages } from "./storage-images";

/** Every image the conversations' messages name, each once. */
export function imageRefsOf(conversations: readonly Conversation[]): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const c of conversations) for (const m of c.messages) for (const ref of m.images ?? []) if (!seen.has(ref.id)) seen.set(ref.id, ref);
  return [...seen.values()];
}

const blobs = new Map<string, Blob>();
/** The write of each image attached in this page; rejected while its blob is not stored. */
const writes = new Map<string, Promise<void>>();

/** Keeps an image (memory at once, IndexedDB in the background); the promise says when it is stored. */
export function keepImage(ref: ImageRef, blob: Blob): Promise<void> {
  blobs.set(ref.id, blob);
  const write = putImages([{ id: ref.id, blob, mime: ref.mime, width: ref.width, height: ref.height, at: Date.now() }]);
  writes.set(ref.id, write);
  write.catch(() => {});
  return write;
}

/**
 * Waits until these images are stored; a failed write is tried once more (the disk may have room
 * again). Returns the error of a write that still fails, or null.
 */
export async function whenImagesStored(refs: readonly ImageRef[]): Promise<unknown> {
  for (const ref of refs) {
    const write = writes.get(ref.id);
    if (!write) continue;
    try {
      await write;
    } catch {
      const blob = blobs.get(ref.id);
      if (!blob) continue;
      try {
        await keepImage(ref, blob);
      } catch (err) {
        return err;
      }
    }
  }
  return null;
}

/** An image's blob: from memory, else from IndexedDB; null when it is gone. */
export async function imageBlob(id: string): Promise<Blob | null> {
  const known = blobs.get(id);
  if (known) return known;
  const stored = await getImage(id).catch(() => undefined);
  if (!stored) return null;
  blobs.set(id, stored.blob);
  return stored.blob;
}

/** Drops attachments that will not be sent (removed from the composer). */
export function forgetImages(ids: string[]): Promise<void> {
  for (const id of ids) {
    blobs.delete(id);
    writes.delete(id);
  }
  return deleteImages(ids).catch(() => {});
}

/** Frees memory once messages are gone (their blobs are deleted with them by the save). */
export function releaseImages(ids: string[]): void {
  for (const id of ids) {
    blobs.delete(id);
    writes.delete(id);
  }
}

function readAsDataUrl(blob: Blob, mime: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      // A blob read back from storage may have lost its type: the ref's mime is what was encoded.
      resolve(url.startsWith(`data:${mime};`) ? url : `data:${mime};base64,${url.slice(url.indexOf(",") + 1)}`);
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** The data URLs of these images for a request; missing blobs are left out of the map. */
export async function imageDataUrls(refs: readonly ImageRef[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    refs.map(async (ref) => {
      const blob = await imageBlob(ref.id);
      if (blob) out.set(ref.id, await readAsDataUrl(blob, ref.mime));
    }),
  );
  return out;
}
