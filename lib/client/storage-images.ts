/**
 * Image blobs in IndexedDB (store `images`, keyed by id), apart from the message records: a
 * message names its images by id (ChatMessage.images), so the conversation stays small and a
 * streamed save never rewrites pixels. Deleting messages deletes their images in the same
 * transaction (storage.ts writeBatch); attachments never sent are swept at start.
 */
import { db, IMAGES } from "./storage";

/** An image's blob and what the message's ImageRef says of it; `at`: when it was stored. */
export interface StoredImage {
  id: string;
  blob: Blob;
  mime: string;
  width: number;
  height: number;
  at: number;
}

export async function putImages(images: StoredImage[]): Promise<void> {
  if (images.length === 0) return;
  const database = await db();
  const tx = database.transaction(IMAGES, "readwrite");
  for (const img of images) void tx.store.put(img).catch(() => {});
  await tx.done;
}

export async function getImage(id: string): Promise<StoredImage | undefined> {
  const database = await db();
  return (await database.get(IMAGES, id)) as StoredImage | undefined;
}

/** Which of these ids have a stored image. */
export async function storedImageIds(ids: string[]): Promise<Set<string>> {
  const database = await db();
  const tx = database.transaction(IMAGES, "readonly");
  const found = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  return new Set(found.filter((k): k is string => typeof k === "string"));
}

export async function deleteImages(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const database = await db();
  const tx = database.transaction(IMAGES, "readwrite");
  for (const id of ids) void tx.store.delete(id).catch(() => {});
  await tx.done;
}

/**
 * Deletes the images no message in `named` refers to that were stored before `before`: attachments
 * a closed page never sent. The age spares another open tab's attachments not sent yet. Returns
 * how many went.
 */
export async function sweepImages(named: ReadonlySet<string>, before: number): Promise<number> {
  const database = await db();
  const tx = database.transaction(IMAGES, "readwrite");
  let swept = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const img = cursor.value as StoredImage;
    if (named.has(img.id) || img.at >= before) continue;
    void cursor.delete();
    swept++;
  }
  await tx.done;
  return swept;
}
