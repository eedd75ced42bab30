import { describe, expect, it } from "vitest";
import { imageTokens, imagesTokens } from "./image-tokens";

describe("imageTokens (OpenAI's tile formula)", () => {
  it("matches OpenAI's documented examples", () => {
    // 1024×1024 high: shortest side 1024 → 768×768 → 4 tiles → 85 + 4×170.
    expect(imageTokens(1024, 1024, "high")).toBe(765);
    // 2048×4096: fit to 1024×2048, then 768×1536 → 2×3 tiles.
    expect(imageTokens(2048, 4096, "high")).toBe(1105);
    // 4096×8192 low detail: a flat 85.
    expect(imageTokens(4096, 8192, "low")).toBe(85);
  });

  it("treats auto as high, and never scales a small image up", () => {
    expect(imageTokens(1024, 1024)).toBe(765);
    expect(imageTokens(512, 512)).toBe(85 + 170);
    expect(imageTokens(100, 30)).toBe(85 + 170);
    expect(imageTokens(513, 200)).toBe(85 + 2 * 170);
  });

  it("fits within 2048 first: a very wide image", () => {
    // 4000×1000 → 2048×512; shortest 512 < 768 stays → 4×1 tiles.
    expect(imageTokens(4000, 1000)).toBe(85 + 4 * 170);
  });

  it("counts exact tile edges as one tile", () => {
    // 1536×1536 → 768×768 → 2×2; 2048×1536 → 1024×768 → 2×2.
    expect(imageTokens(1536, 1536)).toBe(765);
    expect(imageTokens(2048, 1536)).toBe(765);
  });

  it("answers 85 for unknown dimensions, and sums a message's images", () => {
    expect(imageTokens(0, 0)).toBe(85);
    expect(imageTokens(Number.NaN, 10)).toBe(85);
    expect(imagesTokens(undefined)).toBe(0);
    expect(imagesTokens([{ id: "a", mime: "image/png", width: 1024, height: 1024 }, { id: "b", mime: "image/jpeg", width: 512, height: 512 }])).toBe(765 + 255);
  });
});
