/**
 * Keyboard shortcuts: which key press means which action. Pure, so it is tested without a page;
 * components/keyboard-shortcuts.tsx listens and acts. Ctrl on Windows and Linux is ⌘ on a Mac.
 * Ctrl/⌘+K (search) is handled by the search palette itself and only listed here.
 */
export type ShortcutAction = "newChat" | "search" | "focusComposer" | "stop" | "copyLastAnswer" | "regenerate" | "help";

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** The focus is in a text field (typing `?` or `/` there must not trigger anything). */
  inTextField: boolean;
  /** A dialog is open: only its own keys apply. */
  inDialog: boolean;
  /** An answer is streaming in the open conversation. */
  streaming: boolean;
}

export interface ShortcutSpec {
  action: ShortcutAction;
  /** Keys as shown in the help, "Mod" standing for Ctrl or ⌘. */
  keys: string[];
}

/** In the order the help lists them. */
export const SHORTCUTS: readonly ShortcutSpec[] = [
  { action: "newChat", keys: ["Mod", "Shift", "O"] },
  { action: "search", keys: ["Mod", "K"] },
  { action: "focusComposer", keys: ["Shift", "Esc"] },
  { action: "stop", keys: ["Esc"] },
  { action: "copyLastAnswer", keys: ["Mod", "Shift", "C"] },
  { action: "regenerate", keys: ["Mod", "Shift", "G"] },
  { action: "help", keys: ["?"] },
];

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** The action a key press asks for, or null. */
export function shortcutFor(e: KeyPress, mac: boolean): ShortcutAction | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.inDialog || e.altKey) return null;
  if (mod && e.shiftKey) {
    if (key === "o") return "newChat";
    if (key === "c") return "copyLastAnswer";
    if (key === "g") return "regenerate";
    return null;
  }
  if (mod && (key === "/" || key === "?")) return "help";
  if (mod || e.ctrlKey || e.metaKey) return null;
  if (key === "Escape") {
    if (e.shiftKey) return "focusComposer";
    return e.streaming ? "stop" : null;
  }
  if (e.inTextField) return null;
  if (key === "?") return "help";
  if (key === "/" && !e.shiftKey) return "focusComposer";
  return null;
}

/** "Ctrl+Shift+O" or "⌘⇧O" for the help. */
export function keyLabel(keys: string[], mac: boolean): string {
  const names: Record<string, string> = mac ? { Mod: "⌘", Shift: "⇧", Esc: "Esc" } : { Mod: "Ctrl", Shift: "Shift", Esc: "Esc" };
  const parts = keys.map((k) => names[k] ?? k);
  return mac ? parts.join("") : parts.join("+");
}
