import { describe, expect, it } from "vitest";
import { fitImages, rawCap, type FitState } from "./image-fit";
import { dataUrlLength } from "@/lib/chat/request-bytes";

/** A fake encoder: an image's size at full quality, and what it comes out at under a cap. */
function harness(fullSizes: Record<string, number>, already: Record<string, number> = {}) {
  const state: FitState[] = Object.keys(fullSizes).map((id) => ({ id, urlBytes: already[id] ?? null }));
  const calls: Array<[string, number]> = [];
  const encode = async (id: string, cap: number) => {
    calls.push([id, cap]);
    const raw = Math.min(fullSizes[id], cap);
    const item = state.find((i) => i.id === id);
    if (item) item.urlBytes = dataUrlLength({ mime: "image/jpeg", bytes: raw });
  };
  return { state, calls, encode, items: () => state };
}

describe("fitImages", () => {
  it("encodes new images within an equal share, and leaves them when all fit", async () => {
    const h = harness({ a: 100_000, b: 200_000 });
    await fitImages(1_000_000, h.items, h.encode);
    expect(h.calls.map(([id]) => id)).toEqual(["a", "b"]);
    expect(h.calls[0][1]).toBe(rawCap(500_000));
    expect(h.state.reduce((n, i) => n + i.urlBytes!, 0)).toBeLessThanOrEqual(1_000_000);
  });

  it("a new image squeezes one attached earlier: the earlier one is encoded again within its share", async () => {
    // `a` was encoded alone at 700 kB of data URL; now `b` joins in a 1 MB room.
    const h = harness({ a: 3_000_000, b: 3_000_000 }, { a: 700_000 });
    await fitImages(1_000_000, h.items, h.encode);
    expect(h.calls.map(([id]) => id)).toEqual(["b", "a"]);
    expect(h.state.reduce((n, i) => n + i.urlBytes!, 0)).toBeLessThanOrEqual(1_000_000);
  });

  it("a small image leaves its unused share to the large ones", async () => {
    const h = harness({ small: 10_000, big1: 5_000_000, big2: 5_000_000 }, { small: dataUrlLength({ mime: "image/jpeg", bytes: 10_000 }), big1: 900_000, big2: 900_000 });
    await fitImages(1_200_000, h.items, h.encode);
    const total = h.state.reduce((n, i) => n + i.urlBytes!, 0);
    expect(total).toBeLessThanOrEqual(1_200_000);
    // The large ones got more than a third each.
    expect(h.state.find((i) => i.id === "big1")!.urlBytes).toBeGreaterThan(400_000);
    expect(h.calls.some(([id]) => id === "small")).toBe(false);
  });

  it("never asks for more than 4 MB for one image, however large the room", async () => {
    const h = harness({ a: 50_000_000 });
    await fitImages(30 * 1024 * 1024, h.items, h.encode);
    expect(h.calls[0][1]).toBe(4 * 1024 * 1024);
  });

  it("skips an image removed while others were encoded", async () => {
    const h = harness({ a: 3_000_000, b: 3_000_000 }, { a: 900_000 });
    const encode = async (id: string, cap: number) => {
      await h.encode(id, cap);
      if (id === "b") h.state.splice(h.state.findIndex((i) => i.id === "a"), 1);
    };
    await fitImages(1_000_000, h.items, encode);
    expect(h.calls.map(([id]) => id)).toEqual(["b"]);
  });
});
