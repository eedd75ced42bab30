/**
 * The page's localStorage, or null where there is none (the server, a worker) or the browser
 * blocks it (its settings, some private modes), where merely reading `localStorage` throws.
 */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
