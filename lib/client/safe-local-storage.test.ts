import { afterEach, describe, expect, it, vi } from "vitest";
import { safeLocalStorage } from "./safe-local-storage";

describe("safeLocalStorage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is null where there is no localStorage", () => {
    expect(safeLocalStorage()).toBeNull();
  });

  it("is the page's storage where there is one", () => {
    const storage = { getItem: () => null } as unknown as Storage;
    vi.stubGlobal("localStorage", storage);
    expect(safeLocalStorage()).toBe(storage);
  });

  it("is null where reading localStorage throws (storage blocked)", () => {
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("blocked", "SecurityError");
      },
    });
    try {
      expect(safeLocalStorage()).toBeNull();
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
