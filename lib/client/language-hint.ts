/**
 * The language setting mirrored in localStorage, like the theme: the chat shows before IndexedDB is
 * read (lib/client/start-screen.ts), and must show it in the chosen language from its first frame.
 */
const KEY = "relaychat-language";
const VALUES = ["auto", "en", "zh-CN"] as const;
export type LanguageSetting = (typeof VALUES)[number];

export function readLanguageHint(storage: Pick<Storage, "getItem"> | null = safeLocalStorage()): LanguageSetting | null {
  try {
    const value = storage?.getItem(KEY);
    return VALUES.find((v) => v === value) ?? null;
  } catch {
    return null;
  }
}

export function writeLanguageHint(value: LanguageSetting, storage: Pick<Storage, "setItem"> | null = safeLocalStorage()): void {
  try {
    storage?.setItem(KEY, value);
  } catch {
    /* storage blocked: the stored setting applies once IndexedDB is read */
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
