// After `next build`: hashes every inline script of the prerendered pages (Next's RSC payload
// scripts, the theme and early-send scripts of app/layout.tsx, the first screen's language) and writes the Content-Security-Policy with
// them into routes-manifest.json, where both Next's server.js and fast-server.js (which hands pages
// to Next) read next.config's headers from. Pages stay static: no nonce, no per-request work.
// The hashes are also written to .next/csp-hashes.json for inspection.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inlineScriptHashes, setManifestPolicy } from "../lib/security-headers.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, ".next");
const appDir = path.join(dist, "server", "app");
if (!existsSync(appDir)) {
  console.error("csp-hashes: .next/server/app is missing; did `next build` run?");
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const pages = {};
const all = [];
for (const file of htmlFiles(appDir)) {
  const hashes = inlineScriptHashes(readFileSync(file, "utf8"));
  pages[path.relative(appDir, file)] = hashes;
  for (const h of hashes) if (!all.includes(h)) all.push(h);
}
if (all.length === 0) {
  console.error("csp-hashes: no inline script found in the prerendered pages; has Next changed how it renders them?");
  process.exit(1);
}

const manifests = [path.join(dist, "routes-manifest.json"), path.join(dist, "standalone", ".next", "routes-manifest.json")].filter(existsSync);
for (const file of manifests) {
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  if (setManifestPolicy(manifest, all) === 0) {
    console.error(`csp-hashes: no Content-Security-Policy header in ${path.relative(root, file)}; check next.config.mjs`);
    process.exit(1);
  }
  writeFileSync(file, JSON.stringify(manifest));
}
writeFileSync(path.join(dist, "csp-hashes.json"), JSON.stringify({ scriptHashes: all, pages }, null, 2));
console.log(`csp-hashes: ${all.length} inline-script hashes from ${Object.keys(pages).length} pages into ${manifests.map((f) => path.relative(root, f)).join(", ")}`);
