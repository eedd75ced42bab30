/**
 * Ids for conversations, messages and ledger entries. crypto.randomUUID exists in every modern
 * browser and Node 20, but only in secure contexts in browsers: a self-hoster opening the app over
 * plain http on a LAN address gets `undefined`, so we need a fallback rather than a crash.
 */

let counter = 0;

function fallbackId(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.getRandomValues === "function") {
    // getRandomValues is available even in insecure contexts, unlike randomUUID.
    c.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  // Shape it as an RFC 4122 v4 UUID so ids look the same whichever path made them.
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  // Mix a counter into the last bytes: Math.random collisions within one page stay impossible.
  counter = (counter + 1) & 0xffff;
  bytes[14] ^= counter >> 8;
  bytes[15] ^= counter & 0xff;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return fallbackId();
}

/** Exposed for tests: the path taken when randomUUID is missing. */
export const _fallbackIdForTests = fallbackId;
