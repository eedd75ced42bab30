// Debian's Chromium launched like playwright.config.ts does, and what the scripts do in the app's page.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";
import { sleep } from "./report.mjs";

/** The flags of playwright.config.ts: Debian's chromium, no sandbox, software rendering. */
export const CHROMIUM_ARGS = JSON.parse(readFileSync(path.join(ROOT, "e2e", "chromium-args.json"), "utf8"));

export async function launchBrowser() {
  const { chromium } = await import("playwright");
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Slows the page's main thread `rate` times with CDP Emulation.setCPUThrottlingRate (4 stands for a
 * mid-range phone). Called before the page navigates, so the cold load is throttled too; the
 * setting stays with the page across navigations. Returns the CDP session (reusable by the caller).
 */
export async function throttleCpu(context, page, rate, cdp = null) {
  const session = cdp ?? (await context.newCDPSession(page));
  if (rate > 1) await session.send("Emulation.setCPUThrottlingRate", { rate });
  return session;
}

/** Waits until the composer is visible, enabled and hydrated by React (so typing reaches the app). */
export async function waitComposer(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="composer-input"]');
      if (!el || el.disabled) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    null,
    { timeout, polling: 50 },
  );
}

/**
 * Writes conversations straight into the app's IndexedDB ("relaychat" version 3: "conversations"
 * metadata, one "messages" record each with its parent, "ledger" lines apart, "kv" key
 * "currentId"), from a same-origin page that is not
 * the app, so the app cannot race the writes. Returns a fresh browser context and page with the
 * conversations in place, before the app's page is opened in it.
 */
export async function seededPage(browser, appUrl, conversations, currentId) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${appUrl}/api/health`);
  await page.evaluate(
    async ({ conversations, currentId }) => {
      // The app's layout (lib/client/storage.ts, version 3): metadata with the message order apart,
      // one record per message. Seeding it directly keeps one-time migrations out of the figures.
      const req = indexedDB.open("relaychat", 3);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains("conversations")) db.createObjectStore("conversations", { keyPath: "id" });
        if (!db.objectStoreNames.contains("kv")) db.createObjectStore("kv");
        if (!db.objectStoreNames.contains("messages")) db.createObjectStore("messages", { keyPath: ["convId", "id"] });
        if (!db.objectStoreNames.contains("ledger")) db.createObjectStore("ledger", { keyPath: "id" }).createIndex("convId", "convId");
        for (const name of ["prompts", "images"]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: "id" });
      };
      const db = await new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(["conversations", "messages", "ledger", "kv"], "readwrite");
      for (const { messages, ledger = [], ...meta } of conversations) {
        tx.objectStore("conversations").put({ ...meta, messageIds: messages.map((m) => m.id), leafId: messages.at(-1)?.id ?? null });
        messages.forEach((message, i) => {
          const parentId = i === 0 ? null : messages[i - 1].id;
          tx.objectStore("messages").put({ convId: meta.id, id: message.id, message: { ...message, parentId } });
        });
        for (const line of ledger) tx.objectStore("ledger").put({ ...line, convId: meta.id });
      }
      tx.objectStore("kv").put(currentId, "currentId");
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { conversations, currentId },
  );
  return { context, page };
}

/**
 * Seeds through the app itself, independent of the IndexedDB layout: opens Settings → Data, picks
 * `filePath` (a relaychat export file) in the import input and waits for the import's result,
 * then waits until the browser reports the data written (storage usage grown by at least
 * `minBytes`, then steady for two seconds: the save runs in the background after the import).
 * Returns the import's and the save's time in ms. The page must show the app with its composer.
 */
export async function importThroughApp(page, filePath, { minBytes = 0, timeout = 600_000 } = {}) {
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const before = await usage();
  const t0 = Date.now();
  await page.getByTestId("settings-button").click();
  await page.getByTestId("import-file-input").setInputFiles(filePath);
  // The import is previewed first and applied on confirm.
  await page.getByTestId("import-confirm").click({ timeout });
  const result = page.getByTestId("import-result");
  await result.waitFor({ timeout });
  if ((await result.getAttribute("data-ok")) !== "true") throw new Error(`import refused: ${await result.innerText()}`);
  const imported = Date.now() - t0;
  await page.getByTestId("settings-close").click();
  let last = -1;
  let steadySince = Date.now();
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await sleep(500)) {
    const now = await usage();
    if (now !== last) (last = now), (steadySince = Date.now());
    else if (now - before >= minBytes && Date.now() - steadySince >= 2000) return { importMs: imported, savedMs: steadySince - t0, usage: now };
  }
  throw new Error(`the imported data was not written within ${timeout} ms (usage ${last} bytes)`);
}

/** Exports through Settings → Data and returns the parsed file (the context must accept downloads). */
export async function exportThroughApp(page) {
  await page.getByTestId("settings-button").click();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByTestId("export-button").click()]);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  await page.getByTestId("settings-close").click();
  return file;
}
