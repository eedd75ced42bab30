import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { closeForTests } from "./storage";
import { getImage, putImages } from "./storage-images";
import { exportImages, fromBase64, imageRefsOf, restoreImages, toBase64 } from "./image-transfer";
import { exportData, parseImport } from "@/lib/import/transfer";
import { conv, msg } from "./storage-test-helpers";

const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
const ref = (id: string) => ({ id, mime: "image/jpeg", width: 300, height: 200, bytes: bytes.length });

beforeEach(async () => {
  await closeForTests();
  globalThis.indexedDB = new IDBFactory();
});

describe("images through export and import", () => {
  it("base64 both ways, like Buffer, for large arrays", () => {
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it("an export carries the stored bytes of the images its messages name; an import into a fresh profile restores them", async () => {
    await putImages([{ id: "a", blob: new Blob([bytes], { type: "image/jpeg" }), mime: "image/jpeg", width: 300, height: 200, at: 1 }]);
    const chats = [conv("c", [msg("q", { content: "", images: [ref("a"), ref("gone")] })])];
    expect(imageRefsOf(chats).map((r) => r.id)).toEqual(["a", "gone"]);
    const images = await exportImages(chats);
    // An image whose blob is gone is left out; its reference stays on the message.
    expect(images.map((i) => i.id)).toEqual(["a"]);
    const text = JSON.stringify(exportData(chats, { images }));

    // A fresh profile: a new, empty database.
    await closeForTests();
    globalThis.indexedDB = new IDBFactory();
    const parsed = parseImport(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(await restoreImages(parsed.images, parsed.conversations)).toBe(1);
    const back = await getImage("a");
    expect(back?.mime).toBe("image/jpeg");
    expect(new Uint8Array(await back!.blob.arrayBuffer())).toEqual(bytes);
    // Importing again stores nothing twice; images no conversation names are not stored.
    expect(await restoreImages(parsed.images, parsed.conversations)).toBe(0);
    expect(await restoreImages([{ id: "stray", mime: "image/png", width: 1, height: 1, data: "AAAA" }], parsed.conversations)).toBe(0);
    expect(await getImage("stray")).toBeUndefined();
  });
});
