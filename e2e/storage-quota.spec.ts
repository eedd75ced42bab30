import { readFileSync } from "node:fs";
import type { CDPSession, Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";
import chromiumArgs from "./chromium-args.json";

const stack = useStack();
// relaychat.lan resolves to 127.0.0.1: a name that is not localhost makes the page an insecure
// context, as on a LAN address. launchOptions replaces the config's whole object, hence the repeat.
const LAN = "relaychat.lan";
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: [...chromiumArgs, `--host-resolver-rules=MAP ${LAN} 127.0.0.1`] } });

/**
 * Whether any record of any store in the app's database holds `text`: a check of what was written
 * that does not depend on the IndexedDB layout (the database, not the page's memory).
 */
function storedContains(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (needle) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open("relaychat");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      for (const name of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name, "readonly").objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        if (all.some((v) => JSON.stringify(v)?.includes(needle))) return true;
      }
      return false;
    } finally {
      db.close();
    }
  }, text);
}

/** About `kb` KB of prose in paragraphs, of random words: Chromium compresses what IndexedDB
 *  stores, so repeated text would hardly count against a quota. */
function incompressibleAnswer(kb: number, tail: string): string {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < kb * 1024) {
    const words = Array.from({ length: 120 }, () => Math.random().toString(36).slice(2, 2 + 3 + Math.floor(Math.random() * 6)));
    const p = words.join(" ") + ".";
    paragraphs.push(p);
    size += p.length + 2;
  }
  return `${paragraphs.join("\n\n")}\n\n${tail}`;
}

async function limitQuota(cdp: CDPSession, origin: string, quotaSize?: number) {
  // Without quotaSize the override is removed.
  await cdp.send("Storage.overrideQuotaForOrigin", quotaSize === undefined ? { origin } : { origin, quotaSize });
}

test("Settings → Data shows the space used and whether storage is persistent", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  const usage = page.getByTestId("storage-usage");
  await expect(usage).toHaveAttribute("data-state", "ok");
  await expect(usage).toContainText(/used of .* this browser allows this site \(.* %\)/);
  const persisted = page.getByTestId("storage-persisted");
  await expect(persisted).toHaveAttribute("data-state", /^(granted|denied)$/);
  if ((await persisted.getAttribute("data-state")) === "denied") {
    await expect(persisted).toContainText("may clear this site's data");
    await page.getByTestId("storage-persist").click();
    // Headless Chromium decides by site engagement: either answer is an answer, shown as such.
    await expect(persisted).toHaveAttribute("data-state", /^(granted|denied)$/);
    if ((await persisted.getAttribute("data-state")) === "denied") await expect(page.getByTestId("storage-persist-refused")).toBeVisible();
  }
  if ((await persisted.getAttribute("data-state")) === "granted") {
    await expect(persisted).toContainText("will not clear this data on its own when space runs low");
    await expect(page.getByTestId("storage-persist")).toHaveCount(0);
  }
});

test.describe("over plain http to a LAN name", () => {
  test("Settings → Data says that space and persistence need HTTPS or localhost", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url.replace("127.0.0.1", LAN));
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await chat.openSettings();
    const usage = page.getByTestId("storage-usage");
    await expect(usage).toHaveAttribute("data-state", "insecure");
    await expect(usage).toContainText("HTTPS, or on localhost");
    await expect(page.getByTestId("storage-persist")).toHaveCount(0);
  });
});

test("a full storage is reported at once; the answer stays on screen and is saved once there is room", async ({ page, context }) => {
  test.setTimeout(120_000);
  const origin = stack.app.url;
  const chat = new ChatPage(page);
  // Chromium checks an IndexedDB write against the quota it read when the origin's database was
  // first used, and keeps that figure while it lasts: an override set after the app opened its
  // database is ignored for a long time. So the quota is limited before the app's first load,
  // from a same-origin page that is not the app.
  await page.goto(`${origin}/api/health`);
  const cdp = await context.newCDPSession(page);
  await limitQuota(cdp, origin, 600 * 1024);
  await chat.open(origin);
  await expect(chat.composer).toBeEnabled();
  await chat.ask("a short question first");

  const tail = "The very end of a long answer that did not fit.";
  stack.mock.enqueue({ kind: "stream", text: incompressibleAnswer(1024, tail), chunks: 80, chunkDelayMs: 25 });
  await chat.send("now a long one");
  const notice = page.locator('[data-testid="notice"][data-key="notice.storageFull"]');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveAttribute("role", "alert");
  await expect(notice).toContainText("still on screen");
  await expect(notice.getByTestId("notice-export")).toBeVisible();
  await expect(notice.getByTestId("notice-open-data")).toBeVisible();
  const answer = chat.assistant(1);
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(answer.getByTestId("message-content")).toContainText(tail);
  expect(await storedContains(page, tail)).toBe(false);

  // "Export" downloads everything the page holds, the unsaved answer included.
  const [download] = await Promise.all([page.waitForEvent("download"), notice.getByTestId("notice-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^relaychat-.*\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as { conversations: { messages: { content: string }[] }[] };
  expect(exported.conversations.some((c) => c.messages.some((m) => m.content.endsWith(tail)))).toBe(true);

  // "Open Settings → Data" opens the settings at the storage figures.
  await notice.getByTestId("notice-open-data").click();
  await expect(page.getByTestId("storage-usage")).toBeInViewport();
  await chat.closeSettings();

  // Room again. Any change saves what is pending (an automatic retry may have done it already).
  await limitQuota(cdp, origin);
  await chat.ask("one more");
  await expect.poll(() => storedContains(page, tail), { timeout: 20_000 }).toBe(true);

  await page.reload();
  await expect(chat.composer).toBeEnabled();
  await expect(page.locator('[data-testid="conversation-item"][data-active="true"]')).toContainText("6 messages");
  expect(await storedContains(page, "one more")).toBe(true);
  await expect(chat.messages.first()).toContainText("a short question first");
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a failed write says so in Chinese, the browser's own English words folded under it", async ({ page }) => {
    // Every write fails as a broken backing store does, once the page is up.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
        if ((window as unknown as { __failWrites?: boolean }).__failWrites) throw new DOMException("Internal error opening backing store", "UnknownError");
        return put.apply(this, args);
      };
    });
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.evaluate(() => ((window as unknown as { __failWrites?: boolean }).__failWrites = true));
    await chat.ask("写不进去的消息");
    const notice = page.locator('[data-testid="notice"][data-key="notice.storageFailed"]');
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expect(notice).toContainText("保存到浏览器存储失败");
    expect(await notice.innerText()).not.toMatch(/Internal error|backing store/);
    const detail = notice.getByTestId("notice-detail");
    await expect(detail.locator("summary")).toHaveText("技术细节（来自本浏览器）");
    await detail.locator("summary").click();
    await expect(detail).toContainText("Internal error opening backing store");
    // The message is still on screen.
    await expect(chat.messages.first()).toContainText("写不进去的消息");
  });
});
