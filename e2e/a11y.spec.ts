import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";
import { startAppServer } from "./app-server";
import { seriousViolations } from "./axe";

const stack = useStack();
for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`axe finds nothing serious on the gate (${scheme})`, async ({ page }) => {
      const app = await startAppServer({ BASE_URL: stack.mock.url, OPENAI_API_KEY: "sk-test-upstream-key", CODE: "open-sesame" });
      try {
        await page.goto(app.url);
        await expect(page.getByTestId("access-code-input")).toBeVisible();
        expect.soft(await seriousViolations(page)).toEqual([]);
        await page.getByTestId("access-code-input").fill("wrong");
        await page.getByTestId("access-code-submit").click();
        await expect(page.getByRole("alert").first()).toBeVisible();
        expect.soft(await seriousViolations(page)).toEqual([]);
      } finally {
        await app.stop();
      }
    });

    test(`axe finds nothing serious on the chat, settings and the Costs panel (${scheme})`, async ({ page }) => {
      test.setTimeout(90_000);
      const chat = new ChatPage(page);
      await chat.open(stack.app.url);
      await chat.ask("show me some markdown");
      await chat.send("mock:error-401-openai");
      await expect(chat.assistant()).toHaveAttribute("data-status", "error");
      expect.soft(await seriousViolations(page)).toEqual([]);
      await chat.openSettings();
      expect.soft(await seriousViolations(page)).toEqual([]);
      await chat.closeSettings();
      await page.getByTestId("ledger-button").click();
      await expect(page.getByTestId("ledger")).toBeVisible();
      expect.soft(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("keyboard: shortcuts work and are listed on ?, every control shows a focus ring", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("first question");

  // ? outside a text field lists the shortcuts; Escape closes the list and the focus returns.
  await page.getByTestId("chat-title").click();
  await page.keyboard.press("Shift+?");
  const help = page.getByTestId("shortcuts-dialog");
  await expect(help).toBeVisible();
  await expect(help.getByTestId("shortcut")).toHaveCount(7);
  await expect(help.locator('[data-action="newChat"] kbd')).toHaveText("Ctrl+Shift+O");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Copy the last answer.
  await page.keyboard.press("Control+Shift+C");
  await expect(page.getByTestId("notice").filter({ hasText: "copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("first question");

  // Regenerate, then stop a slow answer with Esc.
  await page.keyboard.press("Control+Shift+G");
  await expect(chat.assistant().getByTestId("branch-indicator")).toHaveText("2/2");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  await chat.send("mock:slow a slow one");
  await expect(chat.assistant()).toHaveAttribute("data-status", "streaming");
  await page.keyboard.press("Escape");
  await expect(chat.assistant()).not.toHaveAttribute("data-status", "streaming");

  // New chat, then Shift+Esc brings the focus back to the composer.
  await page.keyboard.press("Control+Shift+O");
  await expect(page.getByTestId("chat-title")).not.toHaveText("first question");
  await expect(chat.composer).toBeFocused();
  await page.getByTestId("settings-button").focus();
  await page.keyboard.press("Shift+Escape");
  await expect(chat.composer).toBeFocused();

  // Tab reaches the header buttons with a visible ring.
  await page.getByTestId("settings-button").focus();
  await page.keyboard.press("Shift+Tab");
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(ring).not.toBe("none");
});

test("keyboard: Tab reaches each conversation, Enter opens it, and its Rename and Delete show when focused", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("the first conversation");
  await page.getByTestId("new-chat-button").click();
  await chat.ask("the second conversation");
  const first = page.getByTestId("conversation-item").filter({ hasText: "the first conversation" });

  // From New chat, Tab walks the sidebar's controls until it reaches the first conversation.
  await page.getByTestId("new-chat-button").focus();
  const opener = first.getByTestId("conversation-open");
  for (let i = 0; i < 12 && !(await opener.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(opener).toBeFocused();
  expect(await opener.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("chat-title")).toHaveText("the first conversation");
  await expect(first).toHaveAttribute("data-active", "true");

  // The row's own buttons are next, visible while focused (with a mouse they show on hover).
  await page.keyboard.press("Tab");
  const rename = first.getByTestId("conversation-rename");
  await expect(rename).toBeFocused();
  expect(await rename.evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(1);
  await expect(rename).toHaveAccessibleName(/Rename.*the first conversation/);
});

test("a finished answer is announced once, politely, not per streamed update", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const announcer = page.getByTestId("answer-announcer");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="answer-announcer"]')!;
    (window as unknown as { changes: number }).changes = 0;
    new MutationObserver(() => (window as unknown as { changes: number }).changes++).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await chat.ask("mock:slow announce me");
  await expect(announcer).toContainText("Answer finished");
  expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(1);
});
