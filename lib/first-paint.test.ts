import { describe, expect, it } from "vitest";
import { FIRST_PAINT_SCRIPT, LANG_PENDING_ATTRIBUTE } from "./first-paint";

interface Run {
  stored?: Record<string, string>;
  languages?: string[];
  prefersDark?: boolean;
}

/** Runs the script against a fake document, storage and browser; returns what it marked. */
function run({ stored = {}, languages = ["en-US"], prefersDark = false }: Run) {
  const classes = new Set<string>();
  const attributes = new Map<string, string>();
  const documentElement = {
    classList: { add: (c: string) => classes.add(c) },
    setAttribute: (name: string, value: string) => attributes.set(name, value),
  };
  const localStorage = { getItem: (key: string) => stored[key] ?? null };
  const matchMedia = () => ({ matches: prefersDark });
  new Function("document", "localStorage", "matchMedia", "navigator", FIRST_PAINT_SCRIPT)({ documentElement }, localStorage, matchMedia, { languages });
  return { dark: classes.has("dark"), pending: attributes.has(LANG_PENDING_ATTRIBUTE) };
}

describe("first-paint script", () => {
  it("applies the saved theme, or the system's when none is saved", () => {
    expect(run({ stored: { "relaychat-theme": "dark" } }).dark).toBe(true);
    expect(run({ stored: { "relaychat-theme": "light" }, prefersDark: true }).dark).toBe(false);
    expect(run({ prefersDark: true }).dark).toBe(true);
    expect(run({}).dark).toBe(false);
  });

  it("holds the page back for Chinese, chosen or from the browser", () => {
    expect(run({ stored: { "relaychat-language": "zh-CN" } }).pending).toBe(true);
    expect(run({ languages: ["zh-TW", "en"] }).pending).toBe(true);
    expect(run({ stored: { "relaychat-language": "auto" }, languages: ["zh"] }).pending).toBe(true);
  });

  it("shows English at once, chosen or from the browser", () => {
    expect(run({}).pending).toBe(false);
    expect(run({ stored: { "relaychat-language": "en" }, languages: ["zh-CN"] }).pending).toBe(false);
    expect(run({ languages: [] }).pending).toBe(false);
  });

  it("never throws when storage is blocked", () => {
    expect(() =>
      new Function("document", "localStorage", "matchMedia", "navigator", FIRST_PAINT_SCRIPT)({}, { getItem: () => { throw new Error("blocked"); } }, () => ({ matches: false }), {}),
    ).not.toThrow();
  });
});
