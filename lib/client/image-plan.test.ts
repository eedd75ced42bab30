import { describe, expect, it } from "vitest";
import { encodeCandidates, MAX_IMAGE_SIDE, nextCandidate, shareBudget, sniffImageType, targetSize } from "./image-plan";

const bytes = (...b: Array<number | string>) => Uint8Array.from(b.flatMap((x) => (typeof x === "string" ? Array.from(x, (c) => c.charCodeAt(0)) : [x])));

describe("sniffImageType", () => {
  it("knows PNG, JPEG, GIF and WebP by their first bytes", () => {
    expect(sniffImageType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe("image/png");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffImageType(bytes("GIF89a", 1, 0))).toBe("image/gif");
    expect(sniffImageType(bytes("GIF87a"))).toBe("image/gif");
    expect(sniffImageType(bytes("RIFF", 1, 2, 3, 4, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses everything else, whatever the name says: SVG, HEIC, PDF, text, too short", () => {
    expect(sniffImageType(bytes("<svg xmlns="))).toBeNull();
    expect(sniffImageType(bytes(0, 0, 0, 0x18, "ftypheic"))).toBeNull();
    expect(sniffImageType(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(bytes("RIFF", 1, 2, 3, 4, "WAVE"))).toBeNull();
    expect(sniffImageType(bytes(0x89, "PN"))).toBeNull();
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
  });
});

describe("targetSize", () => {
  it("brings the long side down to 2,048 keeping the aspect, never enlarges", () => {
    expect(targetSize(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(targetSize(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(targetSize(5000, 5000)).toEqual({ width: 2048, height: 2048 });
    expect(targetSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(targetSize(2048, 10)).toEqual({ width: 2048, height: 10 });
    expect(targetSize(20000, 3)).toEqual({ width: 2048, height: 1 });
    expect(targetSize(1000, 500, 512)).toEqual({ width: 512, height: 256 });
    expect(Math.max(...Object.values(targetSize(9999, 7777)))).toBe(MAX_IMAGE_SIDE);
  });
});

describe("encodeCandidates", () => {
  it("opaque images go as JPEG, from 2,048 px at 0.85 down to 512 px", () => {
    const list = encodeCandidates(false, true);
    expect(new Set(list.map((c) => c.type))).toEqual(new Set(["image/jpeg"]));
    expect(list[0]).toEqual({ type: "image/jpeg", maxSide: 2048, quality: 0.85 });
    expect(list.at(-1)?.maxSide).toBe(512);
  });

  it("transparent images try PNG first, then WebP (keeps alpha) or, without WebP, smaller PNG then JPEG", () => {
    const webp = encodeCandidates(true, true);
    expect(webp[0]).toEqual({ type: "image/png", maxSide: 2048 });
    expect(webp.slice(1).every((c) => c.type === "image/webp")).toBe(true);
    const noWebp = encodeCandidates(true, false);
    expect(noWebp.slice(0, 2).map((c) => c.type)).toEqual(["image/png", "image/png"]);
    expect(noWebp.slice(2).every((c) => c.type === "image/jpeg")).toBe(true);
  });
});

describe("nextCandidate", () => {
  const list = encodeCandidates(false, true);

  it("skips steps predicted to stay over budget", () => {
    // 2,048 px at 0.85 came out at 4 MB, the budget is 1 MB: quality alone (0.72) cannot do it.
    const next = nextCandidate(list, 0, 4_000_000, 1_000_000, 4000, 3000);
    expect(next).not.toBeNull();
    expect(list[next!].maxSide).toBeLessThan(2048);
  });

  it("takes the very next step when it is predicted to fit, and ends after the last", () => {
    expect(nextCandidate(list, 0, 1_100_000, 1_000_000, 4000, 3000)).toBe(1);
    expect(nextCandidate(list, list.length - 1, 9e9, 1, 4000, 3000)).toBeNull();
  });

  it("always tries the last step of a format, and the first of the next format", () => {
    const alpha = encodeCandidates(true, true);
    // PNG at 2,048 far too big: the next format (WebP) starts at its first step.
    expect(nextCandidate(alpha, 0, 50_000_000, 100_000, 2048, 2048)).toBe(1);
    // Nothing predicted to fit: the smallest WebP is still tried.
    expect(nextCandidate(alpha, 1, 50_000_000, 1_000, 2048, 2048)).toBe(alpha.length - 1);
  });

  it("an image already smaller than a step's side does not shrink by it (prediction by real pixels)", () => {
    // 600×400: the 2,048 → 1,600 → … steps do not change its pixels until 512.
    const next = nextCandidate(list, 1, 300_000, 100_000, 600, 400);
    expect(list[next!].maxSide).toBe(512);
  });
});

describe("shareBudget", () => {
  it("gives every image its size when all fit", () => {
    expect(shareBudget([100, 200, 300], 1000)).toEqual([100, 200, 300]);
  });

  it("shares equally among those over their share, passing on what small ones leave", () => {
    // 900 for three: the 100 fits its 300 share; 800 left for two → 400 each.
    expect(shareBudget([100, 1000, 2000], 900)).toEqual([100, 400, 400]);
    expect(shareBudget([500, 500], 600)).toEqual([300, 300]);
  });

  it("never hands out more than the room, and copes with no room and no images", () => {
    for (const [sizes, room] of [[[5, 7, 9], 10], [[1000, 1, 1], 500], [[3, 3, 3, 3], 11]] as const) {
      const caps = shareBudget(sizes, room);
      expect(caps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(room);
    }
    expect(shareBudget([10], 0)).toEqual([0]);
    expect(shareBudget([], 100)).toEqual([]);
  });
});
