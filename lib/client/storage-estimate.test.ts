import { describe, expect, it } from "vitest";
import { formatBytes, formatShare, persistStateOf, readStorageStatus, requestPersistence, usageFigures, type StorageNavigator } from "./storage-estimate";

describe("formatBytes", () => {
  it("uses binary steps with one decimal from KB up", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(52_428_800)).toBe("50.0 MB");
    expect(formatBytes(10 * 1024 ** 3)).toBe("10.0 GB");
  });
  it("steps up instead of printing 1,024.0 of the smaller unit", () => {
    expect(formatBytes(1024 * 1024 - 10)).toBe("1.0 MB");
    expect(formatBytes(1023)).toBe("1,023 B");
  });
  it("follows the locale's number format", () => {
    expect(formatBytes(1536, "de")).toBe("1,5 KB");
    expect(formatBytes(1536, "zh-CN")).toBe("1.5 KB");
  });
  it("says ? for what is not a size", () => {
    expect(formatBytes(NaN)).toBe("?");
    expect(formatBytes(-1)).toBe("?");
  });
});

describe("formatShare", () => {
  it("gives one decimal below 10 % and none above", () => {
    expect(formatShare(1, 4)).toBe("25 %");
    expect(formatShare(5, 100)).toBe("5.0 %");
    expect(formatShare(0, 100)).toBe("0.0 %");
  });
  it("never shows a tiny use as 0.0 %", () => {
    expect(formatShare(12_000_000, 10 * 1024 ** 3)).toBe("0.1 %");
    expect(formatShare(1000, 10 * 1024 ** 3)).toBe("< 0.1 %");
  });
  it("caps at 100 % and answers ? without a quota", () => {
    expect(formatShare(200, 100)).toBe("100 %");
    expect(formatShare(1, 0)).toBe("?");
  });
});

function fakeNav(parts: { usage?: number; quota?: number; persisted?: boolean; persistAnswer?: boolean; fail?: boolean; noPersist?: boolean; noEstimate?: boolean }): StorageNavigator {
  const fail = () => Promise.reject(new Error("nope"));
  return {
    storage: {
      estimate: parts.noEstimate ? undefined : parts.fail ? fail : async () => ({ usage: parts.usage, quota: parts.quota }),
      persisted: parts.fail ? fail : async () => parts.persisted ?? false,
      persist: parts.noPersist ? undefined : async () => parts.persistAnswer ?? false,
    },
  };
}

describe("readStorageStatus", () => {
  it("explains a missing StorageManager by the context", async () => {
    expect(await readStorageStatus({}, false)).toEqual({ kind: "insecure" });
    expect(await readStorageStatus(undefined, false)).toEqual({ kind: "insecure" });
    expect(await readStorageStatus({}, true)).toEqual({ kind: "unsupported" });
  });
  it("reads usage, quota and the persistence state", async () => {
    const s = await readStorageStatus(fakeNav({ usage: 1536, quota: 1024 * 1024, persisted: true }), true);
    expect(s).toEqual({ kind: "ok", usage: 1536, quota: 1024 * 1024, persist: "granted", canAsk: true });
    expect(usageFigures(s)).toEqual({ used: "1.5 KB", quota: "1.0 MB", share: "0.1 %" });
  });
  it("says denied when not persisted, and cannot ask without persist()", async () => {
    const s = await readStorageStatus(fakeNav({ usage: 0, quota: 10, noPersist: true }), true);
    expect(s).toMatchObject({ persist: "denied", canAsk: false });
  });
  it("leaves failing parts unknown instead of throwing", async () => {
    const s = await readStorageStatus(fakeNav({ fail: true }), true);
    expect(s).toEqual({ kind: "ok", usage: null, quota: null, persist: "unknown", canAsk: true });
    expect(usageFigures(s)).toBeNull();
    expect((await readStorageStatus(fakeNav({ noEstimate: true }), true)).kind).toBe("ok");
  });
});

describe("requestPersistence", () => {
  it("maps the browser's answer", async () => {
    expect(await requestPersistence(fakeNav({ persistAnswer: true }))).toBe("granted");
    expect(await requestPersistence(fakeNav({ persistAnswer: false }))).toBe("denied");
    expect(await requestPersistence(fakeNav({ noPersist: true }))).toBe("unknown");
    expect(await requestPersistence({ storage: { persist: () => Promise.reject(new Error("x")) } })).toBe("unknown");
    expect(persistStateOf(null)).toBe("unknown");
  });
});
