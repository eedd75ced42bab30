// RelayChat's service worker: keeps the app shell and static assets so the app opens offline
// with its stored conversations. /api/* is never touched: chat, models and config always go to
// the network. Registered as /sw.js?build=<id>: a new deployment registers a new URL, which
// installs a new worker with a cache of its own.
const BUILD = new URL(self.location.href).searchParams.get("build") || "unknown";
const CACHE = `relaychat-${BUILD}`;
const SHELL = ["/", "/manifest.webmanifest", "/icon.svg", "/icon-192.png", "/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // The shell's own scripts and styles, named in its HTML: the app can start offline at once.
      const html = await (await cache.match("/")).text();
      const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll([...new Set(assets)]);
      // Take over at once: this worker's build is the one the server serves now. A tab still
      // running an older build is told by the page itself (it compares builds) to reload.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // The previous build's cache stays one more round: a tab still running it can load its lazy
      // chunks after the server dropped them. Older ones go.
      const ours = (await caches.keys()).filter((key) => key.startsWith("relaychat-") && key !== CACHE);
      for (const key of ours.slice(0, -1)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function fromNetworkThenShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A gateway's error page (the app is down behind nginx) is worse than the stored shell.
    if (response.status < 500) {
      if (response.ok && new URL(request.url).pathname === "/") await cache.put("/", response.clone());
      return response;
    }
    return (await cache.match("/")) || response;
  } catch (err) {
    const shell = await cache.match("/");
    if (shell) return shell;
    throw err;
  }
}

async function fromCacheThenNetwork(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const cache = await caches.open(CACHE);
  const response = await fetch(request);
  // Hashed file names never change content: keep every one the page ever loads (lazy chunks too).
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromNetworkThenCache(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") event.respondWith(fromNetworkThenShell(request));
  else if (url.pathname.startsWith("/_next/static/")) event.respondWith(fromCacheThenNetwork(request));
  else if (SHELL.includes(url.pathname) || /\.(png|svg|ico|webmanifest|woff2?)$/.test(url.pathname)) event.respondWith(fromNetworkThenCache(request));
});
