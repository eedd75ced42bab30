import { describe, expect, it } from "vitest";
import { parseServerConfig, readStoredServerConfig, storeServerConfig } from "./server-config";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe("parseServerConfig", () => {
  it("fills what an older server leaves out and drops junk models", () => {
    const cfg = parseServerConfig({ codeRequired: 1, models: [{ id: "gpt-4o" }, null, { name: "x" }], build: 7 });
    expect(cfg.codeRequired).toBe(true);
    expect(cfg.allowUserApiKey).toBe(true);
    expect(cfg.models.map((m) => m.id)).toEqual(["gpt-4o"]);
    expect(cfg.build).toBe("");
    expect(cfg.defaults.historyCount).toBeGreaterThan(0);
  });

  it("reads a non-object as an empty config", () => {
    expect(parseServerConfig("nope").models).toEqual([]);
    expect(parseServerConfig(null).codeRequired).toBe(false);
  });
});

describe("the stored copy", () => {
  it("round-trips with the time it was kept", () => {
    const storage = memoryStorage();
    const cfg = parseServerConfig({ codeRequired: true, upstreamConfigured: true, models: [{ id: "m" }], defaultModel: "m", build: "b1" });
    storeServerConfig(cfg, storage);
    const back = readStoredServerConfig(storage);
    expect(back?.config).toEqual(cfg);
    expect(back?.at).toBeGreaterThan(0);
  });

  it("is absent when nothing or garbage was kept", () => {
    const storage = memoryStorage();
    expect(readStoredServerConfig(storage)).toBeNull();
    storage.setItem("relaychat-config", "{not json");
    expect(readStoredServerConfig(storage)).toBeNull();
    storage.setItem("relaychat-config", JSON.stringify({ at: 1, config: "x" }));
    expect(readStoredServerConfig(storage)).toBeNull();
  });

  it("survives a storage that throws", () => {
    const throwing = { getItem: () => { throw new Error("blocked"); }, setItem: () => { throw new Error("full"); } };
    expect(() => storeServerConfig(parseServerConfig({}), throwing)).not.toThrow();
    expect(readStoredServerConfig(throwing)).toBeNull();
  });
});
