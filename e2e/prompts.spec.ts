// The prompt library: built-ins start chats with their system prompt; the user's prompts are
// created, edited, kept over a reload, deleted with Undo; a chat's setup is saved as a prompt;
// NextChat masks import from their own export and from a backup's mask-store (without
// duplicates), and a mask's model and temperature reach the upstream; export/import keeps
// prompts; a model the server refuses is left out and said so; keyboard and phone width work.
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { startAppServer, type AppServer } from "./app-server";
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();
const fixture = (name: string) => path.resolve(__dirname, "..", "lib", "import", "fixtures", name);
const json = (name: string, data: unknown) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });

interface ChatBody {
  model: string;
  temperature: number;
  messages: { role: string; content: string }[];
}
const lastChat = () => stack.chatRequests().at(-1)?.body as ChatBody;

async function openLibrary(page: Page) {
  await page.getByTestId("prompt-library-button").click();
  await expect(page.getByTestId("prompt-library-dialog")).toBeVisible();
}
const item = (page: Page, id: string): Locator => page.locator(`[data-testid="prompt-item"][data-prompt-id="${id}"]`);
const itemNamed = (page: Page, name: string): Locator => page.getByTestId("prompt-item").filter({ has: page.getByTestId("prompt-name").getByText(name, { exact: true }) });

/** Sends a question and waits for the request to reach the mock and the answer to end. */
async function askAndRead(chat: ChatPage, text: string): Promise<ChatBody> {
  const before = stack.chatRequests().length;
  await chat.ask(text);
  expect(stack.chatRequests().length).toBe(before + 1);
  return lastChat();
}

test("a built-in prompt starts a chat: its system prompt goes first, its parameters show in the chat's settings", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await openLibrary(page);
  const translator = item(page, "builtin:translator");
  await expect(translator).toHaveAttribute("data-builtin", "true");
  // Read-only: no edit or delete, but it can be used or duplicated.
  await expect(translator.getByTestId("prompt-edit")).toHaveCount(0);
  await expect(translator.getByTestId("prompt-delete")).toHaveCount(0);
  await translator.getByTestId("prompt-use").click();
  await expect(page.getByTestId("prompt-library-dialog")).toBeHidden();
  await expect(chat.composer).toBeFocused();

  const body = await askAndRead(chat, "Good morning");
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
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await chat.closeSettings();
  await openLibrary(page);
  await expect(item(page, "builtin:xiaohongshu").getByTestId("prompt-name")).toHaveText("小红书文案");
  await page.getByTestId("prompt-search").fill("翻译");
  await expect(page.getByTestId("prompt-item")).toHaveCount(1);
  await expect(page.getByTestId("prompt-item").getByTestId("prompt-name")).toHaveText("中英互译");
  await page.getByTestId("prompt-search").fill("没有这种提示词");
  await expect(page.getByTestId("prompt-no-match")).toContainText("没有与");
  await page.getByTestId("prompt-search").fill("");

  await item(page, "builtin:weekly-report").getByTestId("prompt-duplicate").click();
  const copy = itemNamed(page, "周报助手（副本）");
  await expect(copy).toHaveAttribute("data-builtin", "false");
  await expect(copy.getByTestId("prompt-edit")).toBeFocused();
  // Nothing of the built-ins is stored; the copy is, and survives a reload.
  await page.reload();
  await openLibrary(page);
  await expect(page.getByTestId("prompt-list-mine").getByTestId("prompt-item")).toHaveCount(1);
  await expect(itemNamed(page, "周报助手（副本）")).toBeVisible();
});

test("create, check, edit, keep over a reload, delete with Undo", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await openLibrary(page);
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
  const pirate = itemNamed(page, "Pirate");
  await expect(pirate).toContainText("temperature 0.9");
  await expect(pirate).toContainText("1 starter message(s)");

  await pirate.getByTestId("prompt-edit").click();
  await expect(page.getByTestId("prompt-name-input")).toHaveValue("Pirate");
  await page.getByTestId("prompt-name-input").fill("Pirate captain");
  await page.getByTestId("prompt-save").click();
  await expect(itemNamed(page, "Pirate captain")).toBeVisible();
  await expect(itemNamed(page, "Pirate")).toHaveCount(0);

  await page.reload();
  await openLibrary(page);
  const captain = itemNamed(page, "Pirate captain");
  await expect(captain).toContainText("Talk like a pirate.");
  await captain.getByTestId("prompt-delete").click();
  await expect(captain).toHaveCount(0);
  await expect(page.getByTestId("prompt-undo")).toBeFocused();
  await page.getByTestId("prompt-undo").click();
  await expect(itemNamed(page, "Pirate captain")).toBeVisible();
  await itemNamed(page, "Pirate captain").getByTestId("prompt-delete").click();
  await page.reload();
  await openLibrary(page);
  await expect(page.getByTestId("prompt-list-mine").getByTestId("prompt-item")).toHaveCount(0);
});

test("save the current chat's setup as a prompt, with its first messages as starters, and use it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-temperature").fill("0.4");
  await page.getByTestId("settings-history-count").fill("6");
  await page.getByTestId("settings-system-prompt").fill("Answer in one line.");
  await chat.closeSettings();
  await chat.ask("What is Rust?");

  await openLibrary(page);
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
  const saved = itemNamed(page, "One-liner");
  await expect(saved).toContainText("2 starter message(s)");

  await saved.getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.messages.nth(0)).toHaveAttribute("data-role", "user");
  await expect(chat.messages.nth(0)).toContainText("What is Rust?");
  await expect(chat.composer).toBeFocused();
  const body = await askAndRead(chat, "And Go?");
  expect(body.temperature).toBe(0.4);
  expect(body.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
  expect(body.messages[0].content).toBe("Answer in one line.");
  expect(body.messages[1].content).toBe("What is Rust?");
});

test("NextChat masks: import masks.json from the library without duplicates, refuse a broken file, use a mask", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await openLibrary(page);
  const mine = page.getByTestId("prompt-list-mine").getByTestId("prompt-item");

  await page.getByTestId("prompt-import-file").setInputFiles(json("masks.json", [{ id: "x", name: "Broken", avatar: "1f600", context: [{ role: "robot", content: "?" }], modelConfig: {} }]));
  await expect(page.getByTestId("prompt-import-result")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("prompt-import-result")).toContainText("NextChat mask export, but it is malformed at mask 1 › message 1 › role");
  await page.getByTestId("prompt-import-file").setInputFiles(fixture("chatgpt-conversations.json"));
  await expect(page.getByTestId("prompt-import-result")).toContainText("holds no NextChat masks");
  await expect(mine).toHaveCount(0);

  await page.getByTestId("prompt-import-file").setInputFiles(fixture("nextchat-masks.json"));
  await expect(page.getByTestId("import-preview")).toHaveAttribute("data-format", "nextchatmask");
  await expect(page.getByTestId("import-preview-prompts")).toContainText("3");
  await expect(page.getByTestId("import-preview-counts")).toHaveCount(0);
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("prompt-import-result")).toHaveText("Prompts added to your library: 3.");
  await expect(mine).toHaveCount(3);
  await expect(itemNamed(page, "周报生成器")).toContainText("NextChat mask");

  // The same masks again, as NextChat writes them after its own re-import (new ids): nothing new.
  const { readFile } = await import("node:fs/promises");
  const reIded = JSON.parse(await readFile(fixture("nextchat-masks.json"), "utf8")).map((m: { id: string }, i: number) => ({ ...m, id: `again${i}` }));
  await page.getByTestId("prompt-import-file").setInputFiles(json("masks.json", reIded));
  await expect(page.getByTestId("import-preview-prompts-same")).toContainText("3");
  await expect(page.getByTestId("import-confirm")).toBeDisabled();
  await page.getByTestId("import-cancel").click();
  await expect(mine).toHaveCount(3);

  await itemNamed(page, "周报生成器").getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.messages.nth(1)).toContainText("本周完成");
  const body = await askAndRead(chat, "周二写了文档");
  expect(body.model).toBe("gpt-4o-mini");
  expect(body.temperature).toBe(0.4);
  expect(body.messages[0]).toEqual({ role: "system", content: expect.stringMatching(/^你是一名项目经理助理/) });
  expect(body.messages.at(-1)).toEqual({ role: "user", content: "周二写了文档" });
});

test("NextChat masks through Settings → Data: one mask's export and a backup's mask-store; its model reaches the upstream", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles(fixture("nextchat-mask-single.json"));
  await expect(page.getByTestId("import-preview")).toHaveAttribute("data-format", "nextchatmask");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-result")).toHaveText("Saved prompts added: 1.");
  await page.getByTestId("import-file-input").setInputFiles(fixture("nextchat-backup.json"));
  await expect(page.getByTestId("import-preview-new")).toContainText("2");
  await expect(page.getByTestId("import-preview-prompts")).toContainText("1");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-result")).toContainText("Saved prompts added: 1.");
  await chat.closeSettings();

  await openLibrary(page);
  await expect(itemNamed(page, "英译中")).toContainText("gpt-4o");
  // The backup's masks again from the library: already here.
  await page.getByTestId("prompt-import-file").setInputFiles(fixture("nextchat-backup.json"));
  await expect(page.getByTestId("import-preview-nothing")).toBeVisible();
  await page.getByTestId("import-cancel").click();

  const tutor = itemNamed(page, "English tutor");
  await expect(tutor.getByTestId("prompt-model")).toHaveAttribute("data-status", "ok");
  await tutor.getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(1);
  await expect(chat.messages.first()).toHaveAttribute("data-role", "assistant");
  await expect(chat.messages.first()).toContainText("Tell me about your day");
  const body = await askAndRead(chat, "I goes to school yesterday.");
  expect(body.model).toBe("mock-model");
  expect(body.temperature).toBe(0.6);
  expect(body.messages.map((m) => m.role)).toEqual(["system", "assistant", "user"]);
  await chat.openSettings();
  await expect(page.getByTestId("settings-model")).toHaveValue("mock-model");
});

test("export and import keep saved prompts", async ({ page, browser }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await openLibrary(page);
  await item(page, "builtin:summary").getByTestId("prompt-duplicate").click();
  await expect(itemNamed(page, "Summariser (copy)")).toBeVisible();
  await page.getByTestId("prompt-library-close").click();
  await chat.ask("keep me");
  await chat.openSettings();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-button").click()]);
  const file = (await download.path())!;

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  const chat2 = new ChatPage(page2);
  await chat2.open(stack.app.url);
  await chat2.openSettings();
  await page2.getByTestId("import-file-input").setInputFiles(file);
  await expect(page2.getByTestId("import-preview-prompts")).toContainText("1");
  await page2.getByTestId("import-confirm").click();
  await expect(page2.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
  await chat2.closeSettings();
  await openLibrary(page2);
  const copy = itemNamed(page2, "Summariser (copy)");
  await expect(copy).toContainText("temperature 0.3");
  await expect(copy).toContainText("TL;DR");
  await fresh.close();
});

test.describe("a server that refuses other models (CUSTOM_MODELS=-all)", () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startAppServer({ BASE_URL: stack.mock.url, OPENAI_API_KEY: "sk-test-upstream-key", CUSTOM_MODELS: "-all,+gpt-4o-mini" });
  });
  test.afterAll(async () => app?.stop());

  test("a mask's refused model is marked, left out when used, and said so", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(app.url);
    await openLibrary(page);
    await page.getByTestId("prompt-import-file").setInputFiles(fixture("nextchat-masks.json"));
    await page.getByTestId("import-confirm").click();
    const coach = itemNamed(page, "Interview coach");
    await expect(coach.getByTestId("prompt-model")).toHaveAttribute("data-status", "refused");
    await coach.getByTestId("prompt-use").click();
    await expect(page.locator('[data-testid="notice"][data-key="prompts.modelRefused"]')).toContainText("this chat uses gpt-4o-mini");
    const before = stack.chatRequests().length;
    await chat.ask("Ready");
    expect(stack.chatRequests().length).toBe(before + 1);
    expect(lastChat().model).toBe("gpt-4o-mini");
    expect(lastChat().temperature).toBe(0.8);
  });
});

test("keyboard: the focus stays in the library, Escape closes it and returns the focus", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const opener = page.getByTestId("prompt-library-button");
  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("prompt-search")).toBeFocused();
  const dialog = page.getByTestId("prompt-library-dialog");
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
    await chat.open(stack.app.url);
    await page.getByRole("button", { name: "Open sidebar" }).click();
    await page.getByTestId("prompt-library-button").click();
    const dialog = page.getByTestId("prompt-library-dialog");
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const use = item(page, "builtin:tutor").getByTestId("prompt-use");
    expect((await use.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await use.click();
    await expect(dialog).toBeHidden();
    await expect(chat.messages).toHaveCount(1);
    await expect(chat.composer).toBeFocused();
  });
});
