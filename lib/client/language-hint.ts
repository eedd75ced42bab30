import { LANGUAGE_COOKIE } from "@/lib/i18n";
import { safeLocalStorage } from "./safe-local-storage";

/**
 * The language setting mirrored in localStorage, like the theme: the chat shows before IndexedDB is
 * read (lib/client/start-screen.ts), and must show it in the chosen language from its first frame.
 * A chosen language goes into a cookie too, for the server-rendered first screen (proxy.ts).
 */
const KEY = "relaychat-language";
const YEAR_S = 365 * 24 * 3600;
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

export function writeLanguageHint(
  value: LanguageSetting,
  storage: Pick<Storage, "setItem"> | null = safeLocalStorage(),
  cookies: { cookie: string } | null = typeof document === "undefined" ? null : document,
): void {
  try {
    storage?.setItem(KEY, value);
  } catch {
    /* storage blocked: the stored setting applies once IndexedDB is read */
  }
  if (!cookies) return;
  // "Follow the browser" needs no cookie: the server reads Accept-Language.
  cookies.cookie = value === "auto" ? `${LANGUAGE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax` : `${LANGUAGE_COOKIE}=${value}; Path=/; Max-Age=${YEAR_S}; SameSite=Lax`;
}
