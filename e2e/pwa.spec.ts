import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";
import { startAppServer } from "./app-server";
import chromiumArgs from "./chromium-args.json";

const stack = useStack();
const LAN = "relaychat.lan";
// relaychat.lan resolves to 127.0.0.1: a name that is not localhost makes the page an insecure
// context. launchOptions replaces the config's whole object, hence the repeat.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: [...chromiumArgs, `--host-resolver-rules=MAP ${LAN} 127.0.0.1`] } });
const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Waits until this build's service worker controls the page and has the shell in its cache.
 * Polled from here: page.waitForFunction takes the Promise an async predicate returns as a truthy
 * answer, so it would not wait at all.
 */
async function offlineReady(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          for (const key of await caches.keys()) if (await (await caches.open(key)).match("/")) return true;
          return false;
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}

test("the manifest names 192, 512 and maskable PNG icons of those sizes", async ({ request }) => {
  const res = await request.get(`${stack.app.url}/manifest.webmanifest`);
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as { icons: Array<{ src: string; sizes: string; type: string; purpose: string }>; start_url: string; display: string };
  expect(manifest.display).toBe("standalone");
  for (const purpose of ["any", "maskable"]) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
      expect(icon, `${purpose} ${size}`).toBeTruthy();
      const png = await request.get(`${stack.app.url}${icon!.src}`);
      expect(png.headers()["content-type"]).toContain("image/png");
      expect(pngSize(await png.body())).toEqual({ width: size, height: size });
    }
  }
});

test("/api/health and Settings → About name the version; offline use is ready on a secure origin", async ({ page, request }) => {
  const health = (await (await request.get(`${stack.app.url}/api/health`)).json()) as { ok: boolean; version: string; build: string };
  expect(health).toMatchObject({ ok: true, version });
  expect(health.build).toContain(version);
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await expect(chat.composer).toBeVisible();
  await offlineReady(page);
  await chat.openSettings();
  await expect(page.getByTestId("app-version")).toHaveText(version);
  await expect(page.getByTestId("offline-support")).toHaveAttribute("data-status", "ready");
});

test.describe("offline", () => {
  test("with the server gone the app opens from the service worker with its conversations; nothing of /api is cached", async ({ page }) => {
    const app = await startAppServer({ BASE_URL: stack.mock.url, OPENAI_API_KEY: "sk-test-upstream-key" });
    let running = app;
    try {
      const chat = new ChatPage(page);
      await chat.open(app.url);
      await chat.ask("remember this while offline");
      await offlineReady(page);
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const key of await caches.keys()) for (const req of await (await caches.open(key)).keys()) urls.push(new URL(req.url).pathname);
        return urls;
      });
      expect(cached).toContain("/");
      const where = await page.evaluate(async () => ({ keys: await caches.keys(), workers: (await navigator.serviceWorker.getRegistrations()).map((r) => [r.active?.scriptURL, r.installing?.scriptURL, r.waiting?.scriptURL]) }));
      expect(cached.some((u) => u.startsWith("/_next/static/")), JSON.stringify({ cached, ...where })).toBe(true);
      expect(cached.filter((u) => u.startsWith("/api/"))).toEqual([]);

      await app.stop();
      await page.reload();
      await expect(page.getByText("remember this while offline", { exact: true })).toBeVisible();
      await expect(page.getByTestId("notice").filter({ hasText: "cannot be reached" })).toBeVisible();
      // Sending needs the server: it fails with a message, and the question stays.
      await chat.send("are you there?");
      await expect(chat.assistant()).toHaveAttribute("data-status", "error", { timeout: 20_000 });
      await expect(page.getByText("are you there?", { exact: true })).toBeVisible();

      // The server is back at the same address: the notice goes without a reload, and chat works.
      running = await startAppServer({ BASE_URL: stack.mock.url, OPENAI_API_KEY: "sk-test-upstream-key" }, { port: app.port });
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await expect(page.getByTestId("notice").filter({ hasText: "cannot be reached" })).toHaveCount(0, { timeout: 15_000 });
      await chat.ask("back again");
    } finally {
      await running.stop();
      await app.stop();
    }
  });
});

test.describe("offline, in Chinese on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN", colorScheme: "dark" });
  // A run of English words is an English sentence; "Wi-Fi" or "HTTP 502" alone are not.
  const ENGLISH = /[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}/;
  const RAW = /browser is offline|Failed to fetch|cannot be reached|Upstream said|上游原始信息/i;

  test("the notice, the error card and the announcement speak Chinese, and the notice takes its own room", async ({ page, context }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await chat.ask("第一个问题");
    await chat.ask("第二个问题");
    await offlineReady(page);
    await context.setOffline(true);
    await page.reload();

    const notice = page.getByTestId("notice").filter({ hasText: "离线" });
    await expect(notice).toBeVisible();
    // The stored conversation is on screen (the notice may come before the list is in).
    await expect(page.getByText("第二个问题", { exact: true })).toBeVisible();
    const noticeText = await notice.innerText();
    expect(noticeText).not.toMatch(RAW);
    expect(noticeText).not.toMatch(ENGLISH);
    // Compact on a 390 px phone: two lines of text, not a fifth of the screen.
    const box = (await notice.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(60);
    // Its own room: the list starts below it, and the first message (the list scrolled to its top)
    // lies wholly below it; no message that shows any part on screen has that part under it.
    const list = page.getByTestId("message-list");
    expect((await list.boundingBox())!.y).toBeGreaterThanOrEqual(box.y + box.height - 0.5);
    // The list is virtualised and still scrolls itself to its end after a start: the scroll to the
    // top is asked again until the first row is rendered and placed there.
    const first = page.locator('[data-index="0"] [data-testid="message"]');
    const firstTop = async () => {
      await list.evaluate((el) => (el.scrollTop = 0));
      return (await first.boundingBox())?.y ?? -1;
    };
    await expect.poll(firstTop).toBeGreaterThanOrEqual(box.y + box.height - 0.5);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const covered = await page.evaluate(() => {
      const n = document.querySelector('[data-testid="notice"]')!.getBoundingClientRect();
      const l = document.querySelector('[data-testid="message-list"]')!.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="message"]')].filter((m) => {
        const r = m.getBoundingClientRect();
        const top = Math.max(r.top, l.top);
        const bottom = Math.min(r.bottom, l.bottom);
        return bottom > top && top < n.bottom - 0.5 && bottom > n.top;
      }).length;
    });
    expect(covered).toBe(0);

    await chat.send("离线时发的消息");
    const answer = chat.assistant();
    await expect(answer).toHaveAttribute("data-status", "error", { timeout: 20_000 });
    const card = answer.getByTestId("error-hint");
    await expect(card).toHaveAttribute("data-code", "offline");
    // The headline and hint say it in Chinese, with what to do: the question is kept, send it again.
    await expect(card).toContainText("设备已离线");
    await expect(card.getByTestId("error-kept")).toContainText("重新生成");
    const cardText = await card.innerText();
    expect(cardText).not.toMatch(RAW);
    expect(cardText).not.toMatch(ENGLISH);
    // The browser's own words stay available, folded, and labelled as the browser's.
    const detail = card.getByTestId("error-browser-detail");
    await expect(detail).toContainText("本浏览器");
    await expect(detail.locator("code")).toBeHidden();
    await detail.locator("summary").click();
    await expect(detail.locator("code")).toContainText("Failed to fetch");
    await expect(page.getByText("离线时发的消息", { exact: true })).toBeVisible();

    const announced = page.getByTestId("answer-announcer");
    await expect(announced).toContainText("回答失败：设备已离线");
    const spoken = (await announced.textContent()) ?? "";
    expect(spoken).not.toMatch(RAW);
    expect(spoken).not.toMatch(ENGLISH);
    expect(spoken).toContain("重新生成");
    await context.setOffline(false);
  });
});

test("a page of another build than the server's offers a reload", async ({ page }) => {
  const chat = new ChatPage(page);
  await page.route("**/api/config", async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: { ...(await res.json()), build: "a-newer-build" } });
  });
  await chat.open(stack.app.url);
  const reload = page.getByTestId("reload-new-version");
  await expect(reload).toBeVisible();
  await expect(page.getByTestId("notice").filter({ has: reload })).toContainText("new version");
  await page.unroute("**/api/config");
  await reload.click();
  await expect(chat.composer).toBeVisible();
  await expect(page.getByTestId("reload-new-version")).toHaveCount(0);
});

test.describe("over plain http to a LAN name", () => {
  test("Settings → About says offline use, installing and the clipboard need HTTPS", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url.replace("127.0.0.1", LAN));
    await expect(chat.composer).toBeVisible();
    await chat.openSettings();
    await expect(page.getByTestId("offline-support")).toHaveAttribute("data-status", "insecure");
    await expect(page.getByTestId("offline-support")).toContainText("HTTPS");
  });
});
