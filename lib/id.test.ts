import { afterEach, describe, expect, it, vi } from "vitest";
import { _fallbackIdForTests, newId } from "./id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newId", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns distinct UUIDs", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it("falls back when randomUUID is missing (insecure http context)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: real.getRandomValues.bind(real) });
    const ids = new Set(Array.from({ length: 1000 }, () => newId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it("falls back when there is no crypto at all", () => {
    vi.stubGlobal("crypto", undefined);
    const a = newId();
    const b = newId();
    expect(a).toMatch(UUID);
    expect(a).not.toBe(b);
    expect(_fallbackIdForTests()).toMatch(UUID);
  });
});
