import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { closeForTests, writeBatch } from "./storage";
import { deleteImages, getImage, putImages, storedImageIds, sweepImages, type StoredImage } from "./storage-images";
import { planWrite } from "./stored-records";
import { conv, msg } from "./storage-test-helpers";
import type { Conversation, ImageRef } from "@/lib/types";

const image = (id: string, at = 1000): StoredImage => ({ id, blob: new Blob([`pixels of ${id}`], { type: "image/png" }), mime: "image/png", width: 2, height: 2, at });
const ref = (id: string): ImageRef => ({ id, mime: "image/png", width: 2, height: 2, bytes: 10 });
const save = (list: Conversation[], removed: string[] = []) => writeBatch({ writes: list.map((c) => ({ id: c.id, ...planWrite(undefined, c) })), removed });

beforeEach(async () => {
  await closeForTests();
  globalThis.indexedDB = new IDBFactory();
});

describe("image blobs in IndexedDB", () => {
  it("stores a blob apart from its message and reads it back", async () => {
    await putImages([image("a")]);
    const back = await getImage("a");
    expect(back?.mime).toBe("image/png");
    expect(await back?.blob.text()).toBe("pixels of a");
    expect(await getImage("nope")).toBeUndefined();
    expect(await storedImageIds(["a", "nope"])).toEqual(new Set(["a"]));
    await deleteImages(["a"]);
    expect(await getImage("a")).toBeUndefined();
  });

  it("deleting a message deletes its images in the same write; other messages keep theirs", async () => {
    await putImages([image("i1"), image("i2")]);
    const before = conv("c", [msg("m1", { images: [ref("i1")] }), msg("m2", { images: [ref("i2")] })]);
    await save([before]);
    const after = { ...before, messages: before.messages.slice(1) };
    await writeBatch({ writes: [{ id: "c", ...planWrite(before, after) }], removed: [] });
    expect(await storedImageIds(["i1", "i2"])).toEqual(new Set(["i2"]));
  });

  it("a conversation removed for good takes its images with it", async () => {
    await putImages([image("x1"), image("x2"), image("keep")]);
    await save([conv("gone", [msg("a", { images: [ref("x1"), ref("x2")] })]), conv("stays", [msg("b", { images: [ref("keep")] })])]);
    await writeBatch({ writes: [], removed: ["gone"] });
    expect(await storedImageIds(["x1", "x2", "keep"])).toEqual(new Set(["keep"]));
  });

  it("the sweep removes old images no message names, and spares recent ones (another tab's unsent attachment)", async () => {
    await putImages([image("named", 10), image("orphan-old", 10), image("orphan-new", 5000)]);
    expect(await sweepImages(new Set(["named"]), 1000)).toBe(1);
    expect(await storedImageIds(["named", "orphan-old", "orphan-new"])).toEqual(new Set(["named", "orphan-new"]));
  });
});
