// Security headers of every answer, shared by next.config.mjs (server.js, Vercel), the node:http
// fast path (lib/server/node-proxy.ts) and the post-build step that puts the inline-script hashes
// into the Content-Security-Policy (scripts/csp-hashes.mjs). Plain ESM so all three can load it.
import { createHash } from "node:crypto";

/** On every answer, pages and API alike. */
export const COMMON_SECURITY_HEADERS = Object.freeze([
  { key: "X-Content-Type-Options", value: "nosniff" },
  // The app needs no Referer anywhere; in own-key mode this keeps the page's address from the relay.
  { key: "Referrer-Policy", value: "no-referrer" },
  // For browsers older than CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
]);

export const CSP_HEADER = "Content-Security-Policy";

/**
 * What a page's scripts may use before the build's inline-script hashes are known. `next build`
 * bakes next.config's headers into routes-manifest.json before it prerenders the pages whose
 * inline scripts need hashing, so the post-build step rewrites the policy there with the hashes;
 * a platform that would skip that step gets a working, weaker policy instead of blank pages.
 */
export const UNHASHED_SCRIPT_SOURCES = Object.freeze(["'unsafe-inline'"]);

/** The policy for pages; `scriptSources` are the hashes of the prerendered inline scripts. */
export function contentSecurityPolicy(scriptSources) {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptSources].join(" ")}`,
    // React and KaTeX set style attributes, and Next may inline critical CSS: styles cannot be
    // hashed ahead, and an injected style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // The tokenizer worker is a same-origin script; blob: in case a bundler inlines a worker.
    "worker-src 'self' blob:",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Own-key mode calls the user's own endpoint from the browser, which may be any https URL or a
    // plain-http one on a LAN or localhost (a local one-api, Ollama); the page cannot know it ahead.
    "connect-src 'self' https: http:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** CSP source expressions ('sha256-...') for every inline script of an HTML page, in order, unique. */
export function inlineScriptHashes(html) {
  const hashes = [];
  const tags = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (const [, attributes, body] of html.matchAll(tags)) {
    if (/\bsrc\s*=/i.test(attributes) || body.length === 0) continue;
    // Data blocks (JSON, ld+json) are never executed, so CSP does not apply to them.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && !["text/javascript", "module", "application/javascript"].includes(type)) continue;
    const hash = `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
    if (!hashes.includes(hash)) hashes.push(hash);
  }
  return hashes;
}

/**
 * Sets the policy with `scriptSources` on every Content-Security-Policy entry of a Next
 * routes-manifest's `headers`; returns how many it set.
 */
export function setManifestPolicy(manifest, scriptSources) {
  let count = 0;
  for (const rule of manifest.headers ?? []) {
    for (const header of rule.headers ?? []) {
      if (header.key.toLowerCase() !== CSP_HEADER.toLowerCase()) continue;
      header.value = contentSecurityPolicy(scriptSources);
      count += 1;
    }
  }
  return count;
}
