import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { openWithScriptsHeld } from "./scripts-held";
import { uiEn } from "../lib/i18n/ui.en";
import { uiZhCN } from "../lib/i18n/ui.zh-CN";

// A server without an access code: "/" is the chat shell rendered ahead (app/start/[lang]/page.tsx).
const stack = useStack();

const hydrated = (el: Element) => Object.keys(el).some((k) => k.startsWith("__reactProps$"));

test("the first screen is the chat shell as HTML, in the request's language", async ({ request }) => {
  const en = await request.get(`${stack.app.url}/`, { headers: { "Accept-Language": "en-US,en;q=0.9" } });
  expect(en.status()).toBe(200);
  const enHtml = await en.text();
  expect(enHtml).toMatch(/<textarea[^>]*data-testid="composer-input"/);
  expect(enHtml).toContain(`placeholder="${uiEn["composer.placeholder"]}"`);
  expect(enHtml).toContain(uiEn["composer.placeholderKeys"]);
  // One address, a page per language and build: no shared cache may keep it (lib/server/first-screen.ts).
  expect(en.headers()["cache-control"]).toBe("private, no-cache");
  expect(en.headers()["vary"]).toMatch(/Accept-Language, Cookie$/);
  // Its per-language address names the same build's scripts: not kept by a shared cache either.
  const direct = await request.get(`${stack.app.url}/start/zh-CN`);
  expect(direct.status()).toBe(200);
  expect(direct.headers()["cache-control"]).toBe("private, no-cache");

  const zh = await request.get(`${stack.app.url}/`, { headers: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" } });
  const zhHtml = await zh.text();
  expect(zhHtml).toMatch(/<textarea[^>]*data-testid="composer-input"/);
  expect(zhHtml).toContain(`placeholder="${uiZhCN["composer.placeholder"]}"`);
  expect(zhHtml).toContain(uiZhCN["composer.placeholderKeys"]);
  expect(zhHtml).not.toContain(`placeholder="${uiEn["composer.placeholder"]}"`);
  expect(zhHtml).not.toContain(uiEn["composer.placeholderKeys"]);

  // The language chosen in Settings (mirrored in a cookie) wins over the browser's.
  const chosen = await request.get(`${stack.app.url}/`, { headers: { "Accept-Language": "en-US", Cookie: "relaychat-language=zh-CN" } });
  expect(await chosen.text()).toContain(uiZhCN["composer.placeholderKeys"]);
});

test("text typed and Enter pressed before the scripts run are kept, and sent once they do", async ({ page }) => {
  const chat = new ChatPage(page);
  const release = await openWithScriptsHeld(page, stack.app.url);
  await chat.composer.click();
  await page.keyboard.type("typed before the scripts");
  // A second line with Shift+Enter stays a line break; Enter alone is held as a send.
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("second line");
  await page.keyboard.press("Enter");
  await expect(chat.composer).toHaveValue("typed before the scripts\nsecond line");
  await expect(chat.composer).toHaveAttribute("data-send-pending", "");
  expect(await chat.composer.evaluate(hydrated)).toBe(false);
  expect(stack.chatRequests()).toHaveLength(0);

  release();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(chat.composer).toHaveValue("");
  await expect(chat.composer).not.toHaveAttribute("data-send-pending");
  const sent = stack.chatRequests();
  expect(sent).toHaveLength(1);
  expect(sent[0].body.messages.at(-1)).toMatchObject({ role: "user", content: "typed before the scripts\nsecond line" });

  // Enter now goes through the page's own handler, once.
  await chat.ask("after the scripts");
  expect(stack.chatRequests()).toHaveLength(2);
});

test("the Send button takes a tap before the scripts run, and the message goes once they do", async ({ page }) => {
  const chat = new ChatPage(page);
  const release = await openWithScriptsHeld(page, stack.app.url);
  const send = page.getByTestId("send-button");
  await expect(send).toBeDisabled();
  await chat.composer.fill("sent with the button early");
  await expect(send).toBeEnabled();
  await send.click();
  await expect(chat.composer).toHaveAttribute("data-send-pending", "");
  release();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  expect(stack.chatRequests()).toHaveLength(1);
  expect(stack.chatRequests()[0].body.messages.at(-1)).toMatchObject({ role: "user", content: "sent with the button early" });
});

test("an Enter on an empty composer before the scripts run sends nothing, then or later", async ({ page }) => {
  const chat = new ChatPage(page);
  const release = await openWithScriptsHeld(page, stack.app.url);
  await chat.composer.click();
  await page.keyboard.press("Enter");
  await expect(chat.composer).toHaveValue("");
  await expect(chat.composer).not.toHaveAttribute("data-send-pending");
  release();
  await expect.poll(() => chat.composer.evaluate(hydrated)).toBe(true);
  await expect(page.getByTestId("settings-button")).toBeEnabled();
  await chat.composer.pressSequentially("Hello");
  await expect(chat.composer).toHaveValue("Hello");
  await page.waitForTimeout(500);
  expect(stack.chatRequests()).toHaveLength(0);
  await expect(chat.messages).toHaveCount(0);
});

test("buttons of the first screen wait for the scripts instead of swallowing a tap", async ({ page }) => {
  const release = await openWithScriptsHeld(page, stack.app.url);
  const newChat = page.getByTestId("new-chat-button");
  await expect(newChat).toBeVisible();
  expect(await newChat.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe("none");
  release();
  await expect.poll(() => newChat.evaluate((el) => getComputedStyle(el).pointerEvents)).not.toBe("none");
  expect(await newChat.evaluate(hydrated)).toBe(true);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a Chinese browser gets the Chinese shell at once, and hydration renders the same", async ({ page }) => {
    const chat = new ChatPage(page);
    const firstPaint: string[] = [];
    await page.route(`${stack.app.url}/`, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      firstPaint.push(/placeholder="([^"]*)"/.exec(body)?.[1] ?? "");
      await route.fulfill({ response, body });
    });
    await chat.open(stack.app.url);
    expect(firstPaint).toEqual([uiZhCN["composer.placeholder"]]);
    await expect.poll(() => chat.composer.evaluate(hydrated)).toBe(true);
    await expect(chat.composer).toHaveAttribute("placeholder", uiZhCN["composer.placeholder"]);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await chat.ask("你好");
    await expect(page.getByTestId("send-button")).toContainText(uiZhCN["composer.send"]);
  });

  test("the Chinese shell says it is Chinese before the scripts run", async ({ page }) => {
    const chat = new ChatPage(page);
    const release = await openWithScriptsHeld(page, stack.app.url);
    await expect(chat.composer).toHaveAttribute("placeholder", uiZhCN["composer.placeholder"]);
    expect(await chat.composer.evaluate(hydrated)).toBe(false);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    release();
    await expect.poll(() => chat.composer.evaluate(hydrated)).toBe(true);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});
