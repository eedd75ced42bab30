import { describe, expect, it } from "vitest";
import { isMacPlatform, keyLabel, shortcutFor, type KeyPress } from "./shortcuts";

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, inTextField: false, inDialog: false, streaming: false, ...over });

describe("shortcutFor", () => {
  it("uses Ctrl off a Mac and ⌘ on one", () => {
    expect(shortcutFor(press("O", { ctrlKey: true, shiftKey: true }), false)).toBe("newChat");
    expect(shortcutFor(press("O", { ctrlKey: true, shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(press("o", { metaKey: true, shiftKey: true }), true)).toBe("newChat");
    expect(shortcutFor(press("C", { ctrlKey: true, shiftKey: true, inTextField: true }), false)).toBe("copyLastAnswer");
    expect(shortcutFor(press("G", { ctrlKey: true, shiftKey: true }), false)).toBe("regenerate");
  });

  it("leaves search to the palette and plain copy to the browser", () => {
    expect(shortcutFor(press("k", { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press("c", { ctrlKey: true }), false)).toBeNull();
  });

  it("stops with Esc only while an answer streams; Shift+Esc focuses the composer", () => {
    expect(shortcutFor(press("Escape"), false)).toBeNull();
    expect(shortcutFor(press("Escape", { streaming: true, inTextField: true }), false)).toBe("stop");
    expect(shortcutFor(press("Escape", { shiftKey: true, inTextField: true }), false)).toBe("focusComposer");
  });

  it("reads ? and / only outside text fields, and nothing while a dialog is open", () => {
    expect(shortcutFor(press("?", { shiftKey: true }), false)).toBe("help");
    expect(shortcutFor(press("?", { shiftKey: true, inTextField: true }), false)).toBeNull();
    expect(shortcutFor(press("/", { ctrlKey: true, inTextField: true }), false)).toBe("help");
    expect(shortcutFor(press("/"), false)).toBe("focusComposer");
    expect(shortcutFor(press("/", { inTextField: true }), false)).toBeNull();
    expect(shortcutFor(press("O", { ctrlKey: true, shiftKey: true, inDialog: true }), false)).toBeNull();
    expect(shortcutFor(press("o", { ctrlKey: true, shiftKey: true, altKey: true }), false)).toBeNull();
  });
});

describe("labels", () => {
  it("spell the keys per platform", () => {
    expect(keyLabel(["Mod", "Shift", "O"], false)).toBe("Ctrl+Shift+O");
    expect(keyLabel(["Mod", "Shift", "O"], true)).toBe("⌘⇧O");
    expect(isMacPlatform("MacIntel")).toBe(true);
    expect(isMacPlatform("Linux x86_64")).toBe(false);
  });
});
