// The prompt library: built-ins start chats with their system prompt and follow the UI language;
// the user's prompts are created, checked, edited, kept over a reload, deleted with Undo; a chat's
// setup is saved as a prompt; the dialog keeps the focus and works at phone width.
// (NextChat masks, export/import and refused models: prompts-import.spec.ts.)
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { askAndRead, PromptLibraryPage } from "./pages/prompt-library";

const stack = useStack();

test("a built-in prompt starts a chat: its system prompt goes first, its parameters show in the chat's settings", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await lib.open();
  const translator = lib.item("builtin:translator");
  await expect(translator).toHaveAttribute("data-builtin", "true");
  // Read-only: no edit or delete, but it can be used or duplicated.
  await expect(translator.getByTestId("prompt-edit")).toHaveCount(0);
  await expect(translator.getByTestId("prompt-delete")).toHaveCount(0);
  await translator.getByTestId("prompt-use").click();
  await expect(page.getByTestId("prompt-library-dialog")).toBeHidden();
  await expect(chat.composer).toBeFocused();
  // The empty chat shows the system prompt the next question goes with.
  await expect(page.getByTestId("chat-system-prompt")).toContainText("This chat's system prompt");
  await expect(page.getByTestId("chat-system-prompt")).toContainText("professional translator between Chinese and English");

  const body = await askAndRead(chat, stack.chatRequests, "Good morning");
  expect(body.messages[0].role).toBe("system");
  expect(body.messages[0].content).toMatch(/^You are a professional translator between Chinese and English\./);
  expect(body.messages.at(-1)).toEqual({ role: "user", content: "Good morning" });
  expect(body.temperature).toBe(0.3);

  await chat.openSettings();
  await expect(page.getByTestId("settings-scope")).toHaveValue("conversation");
  await expect(page.getByTestId("settings-temperature")).toHaveValue("0.3");
  await expect(page.getByTestId("settings-history-count")).toHaveValue("1");
  await expect(page.getByTestId("settings-system-prompt")).toHaveValue(/professional translator/);
});

test("built-ins follow the UI language, search finds Chinese, and a copy of one is the user's to edit", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await chat.closeSettings();
  await lib.open();
  await expect(lib.item("builtin:xiaohongshu").getByTestId("prompt-name")).toHaveText("小红书文案");
  await page.getByTestId("prompt-search").fill("翻译");
  await expect(page.getByTestId("prompt-item")).toHaveCount(1);
  await expect(page.getByTestId("prompt-item").getByTestId("prompt-name")).toHaveText("中英互译");
  await page.getByTestId("prompt-search").fill("没有这种提示词");
  await expect(page.getByTestId("prompt-no-match")).toContainText("没有与");
  await page.getByTestId("prompt-search").fill("");

  // "Duplicate" is not the "复制" (Copy) of the message and code buttons.
  await expect(lib.item("builtin:weekly-report").getByTestId("prompt-duplicate")).toHaveText("创建副本");
  await lib.item("builtin:weekly-report").getByTestId("prompt-duplicate").click();
  const copy = lib.named("周报助手（副本）");
  await expect(copy).toHaveAttribute("data-builtin", "false");
  await expect(copy.getByTestId("prompt-edit")).toBeFocused();
  // Nothing of the built-ins is stored; the copy is, and survives a reload.
  await page.reload();
  await lib.open();
  await expect(lib.mine).toHaveCount(1);
  await expect(lib.named("周报助手（副本）")).toBeVisible();
});

test("create, check, edit, keep over a reload, delete with Undo", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await lib.open();
  await page.getByTestId("prompt-new").click();
  // Save without a name or text: the form says what is missing and stores nothing.
  await page.getByTestId("prompt-save").click();
  await expect(page.getByTestId("prompt-errors")).toContainText("Give the prompt a name.");
  await expect(page.getByTestId("prompt-errors")).toContainText("Write a system prompt or add at least one starter message.");
  await expect(page.getByTestId("prompt-name-input")).toBeFocused();

  await page.getByTestId("prompt-name-input").fill("Pirate");
  await page.getByTestId("prompt-system-input").fill("Talk like a pirate.");
  await page.getByTestId("prompt-set-temperature").check();
  await page.getByTestId("prompt-temperature").fill("3");
  await page.getByTestId("prompt-starter-add").click();
  await page.getByTestId("prompt-save").click();
  await expect(page.getByTestId("prompt-errors")).toContainText("Temperature must be a number from 0 to 2.");
  await expect(page.getByTestId("prompt-errors")).toContainText("Starter message 1 is empty");
  await page.getByTestId("prompt-temperature").fill("0.9");
  await page.getByTestId("prompt-starter-content").fill("Ahoy! What be yer question?");
  await page.getByTestId("prompt-starter-role").selectOption("assistant");
  await page.getByTestId("prompt-save").click();
  await expect(page.getByTestId("prompt-status")).toHaveText("“Pirate” saved.");
  const pirate = lib.named("Pirate");
  await expect(pirate).toContainText("temperature 0.9");
  await expect(pirate).toContainText("1 starter message");

  await pirate.getByTestId("prompt-edit").click();
  await expect(page.getByTestId("prompt-name-input")).toHaveValue("Pirate");
  await page.getByTestId("prompt-name-input").fill("Pirate captain");
  await page.getByTestId("prompt-save").click();
  await expect(lib.named("Pirate captain")).toBeVisible();
  await expect(lib.named("Pirate")).toHaveCount(0);

  await page.reload();
  await lib.open();
  const captain = lib.named("Pirate captain");
  await expect(captain).toContainText("Talk like a pirate.");
  await captain.getByTestId("prompt-delete").click();
  await expect(captain).toHaveCount(0);
  await expect(page.getByTestId("prompt-undo")).toBeFocused();
  await page.getByTestId("prompt-undo").click();
  await expect(lib.named("Pirate captain")).toBeVisible();
  await lib.named("Pirate captain").getByTestId("prompt-delete").click();
  await page.reload();
  await lib.open();
  await expect(lib.mine).toHaveCount(0);
});

test("save the current chat's setup as a prompt, with its first messages as starters, and use it", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-temperature").fill("0.4");
  await page.getByTestId("settings-history-count").fill("6");
  await page.getByTestId("settings-system-prompt").fill("Answer in one line.");
  await chat.closeSettings();
  await chat.ask("What is Rust?");

  await lib.open();
  await page.getByTestId("prompt-save-chat").click();
  await expect(page.getByTestId("prompt-name-input")).toHaveValue("What is Rust?");
  await expect(page.getByTestId("prompt-system-input")).toHaveValue("Answer in one line.");
  await expect(page.getByTestId("prompt-temperature")).toHaveValue("0.4");
  await expect(page.getByTestId("prompt-history")).toHaveValue("6");
  await page.getByTestId("prompt-include-starters").check();
  await page.getByTestId("prompt-include-count").selectOption("2");
  await expect(page.getByTestId("prompt-starter-content")).toHaveCount(2);
  await page.getByTestId("prompt-name-input").fill("One-liner");
  await page.getByTestId("prompt-save").click();
  const saved = lib.named("One-liner");
  await expect(saved).toContainText("2 starter messages");

  await saved.getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.messages.nth(0)).toHaveAttribute("data-role", "user");
  await expect(chat.messages.nth(0)).toContainText("What is Rust?");
  await expect(chat.composer).toBeFocused();
  const body = await askAndRead(chat, stack.chatRequests, "And Go?");
  expect(body.temperature).toBe(0.4);
  expect(body.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
  expect(body.messages[0].content).toBe("Answer in one line.");
  expect(body.messages[1].content).toBe("What is Rust?");
});

test("keyboard: the focus stays in the library, Escape closes it and returns the focus", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  const opener = page.getByTestId("prompt-library-button");
  // The library opens once the start is complete (the button is disabled before): a disabled
  // button takes no focus, and Enter would go nowhere.
  await expect(opener).toBeEnabled();
  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("prompt-search")).toBeFocused();
  const dialog = lib.dialog;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  // Escape in the editor steps back to the list; again, it closes the library.
  await page.getByTestId("prompt-new").click();
  await expect(page.getByTestId("prompt-name-input")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("prompt-search")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test.describe("at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the library opens from the drawer, fits the screen and starts a chat", async ({ page }) => {
    const chat = new ChatPage(page);
    const lib = new PromptLibraryPage(page);
    await chat.open(stack.app.url);
    await page.getByRole("button", { name: "Open sidebar" }).click();
    await page.getByTestId("prompt-library-button").click();
    const dialog = lib.dialog;
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const use = lib.item("builtin:tutor").getByTestId("prompt-use");
    expect((await use.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await use.click();
    await expect(dialog).toBeHidden();
    await expect(chat.messages).toHaveCount(1);
    await expect(chat.composer).toBeFocused();
  });
});
