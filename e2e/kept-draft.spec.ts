import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { openWithScriptsHeld } from "./scripts-held";

// Nothing typed is lost: the composer's text is kept in storage (lib/client/kept-draft.ts).
const stack = useStack();
const TEXT = "half a thought, 写到一半的问题\nsecond line";

test("what is typed survives a reload at once, and a send clears it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.composer.click();
  await page.keyboard.type("half a thought, ");
  await page.keyboard.insertText("写到一半的问题");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("second line");
  // No wait for the write that follows typing: leaving the page writes what is pending.
  await page.reload();
  await expect(chat.composer).toHaveValue(TEXT);

  await chat.composer.press("Enter");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  expect(stack.chatRequests().at(-1)!.body.messages.at(-1)).toMatchObject({ role: "user", content: TEXT });
  await page.reload();
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.composer).toHaveValue("");
});

test("text typed into the first screen is kept when the start fails, shown beside the error, and back in the box next time", async ({ page }) => {
  const chat = new ChatPage(page);
  let typed!: () => void;
  const done = new Promise<void>((resolve) => (typed = resolve));
  // A first visit (nothing stored) while the server cannot be reached: the error card takes the
  // shell's place once the scripts have run.
  await page.route("**/api/config", async (route) => {
    await done;
    await route.abort("internetdisconnected");
  });
  await chat.open(stack.app.url);
  await chat.composer.click();
  await page.keyboard.type("typed while the start fails");
  typed();
  const kept = page.getByTestId("kept-draft");
  await expect(kept).toBeVisible({ timeout: 20_000 });
  await expect(chat.composer).toHaveCount(0);
  await expect(page.getByTestId("kept-draft-text")).toHaveValue("typed while the start fails");
  await expect(kept).toContainText("kept");

  await page.unroute("**/api/config");
  await page.reload();
  await expect(chat.composer).toHaveValue("typed while the start fails");
  await expect(page.getByTestId("kept-draft")).toHaveCount(0);
});

test("a kept draft is in the first screen before the scripts run, and what is typed then adds to it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.composer.fill("kept from before");
  await page.reload();
  await expect(chat.composer).toHaveValue("kept from before");

  const release = await openWithScriptsHeld(page, stack.app.url);
  await expect(chat.composer).toHaveValue("kept from before");
  await expect(page.getByTestId("send-button")).toBeEnabled();
  await chat.composer.press("End");
  await page.keyboard.type(", and more");
  expect(await page.evaluate(() => document.documentElement.hasAttribute("data-hydrated"))).toBe(false);
  release();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1, { timeout: 30_000 });
  await expect(chat.composer).toHaveValue("kept from before, and more");
  await page.reload();
  await expect(chat.composer).toHaveValue("kept from before, and more");
});
