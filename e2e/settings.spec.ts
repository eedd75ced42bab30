import { readFile } from "node:fs/promises";
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

// No server key: the page must say so and offer the user's own key.
const stack = useStack({ OPENAI_API_KEY: "" });

test("without an upstream the page says so; an own key and endpoint are called directly", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await expect(page.getByTestId("setup-notice")).toBeVisible();
  await page.getByTestId("setup-open-settings").click();
  await page.getByTestId("settings-own-key").check();
  await page.getByTestId("settings-own-base-url").fill(`${stack.mock.url}/v1/`);
  await page.getByTestId("settings-own-api-key").fill("sk-my-own-key");
  await chat.closeSettings();
  await expect(page.getByTestId("setup-notice")).toHaveCount(0);
  await chat.ask("direct call");
  const sent = stack.mock.requests.at(-1)!;
  expect(sent.path).toBe("/v1/chat/completions");
  expect(sent.headers.authorization).toBe("Bearer sk-my-own-key");
  // The browser itself called the endpoint: the request carries the page's origin.
  expect(sent.headers.origin).toBe(stack.app.url);
});

test("the language follows the setting", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await chat.closeSettings();
  await expect(chat.composer).toHaveAttribute("placeholder", /输入消息/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("en");
  await chat.closeSettings();
  await expect(chat.composer).toHaveAttribute("placeholder", /Message/);
});

test("export, then a malformed import is refused and changes nothing, a valid one restores", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-own-key").check();
  await page.getByTestId("settings-own-base-url").fill(stack.mock.url);
  await page.getByTestId("settings-own-api-key").fill("sk-my-own-key");
  await chat.closeSettings();
  await chat.ask("keep this safe");

  await chat.openSettings();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-button").click()]);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(exported.format).toBe("relaychat");
  expect(JSON.stringify(exported)).not.toContain("sk-my-own-key");

  await page.getByTestId("import-file-input").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"format":"relaychat","version":1,"conversations":[{"id":"x","messages":[{"content":"no role"}]}]}') });
  await expect(page.locator('[role="alert"][data-testid="import-result"]')).toContainText("malformed at conversation 1 › createdAt: is missing (and 2 more problems)");
  await page.getByTestId("import-file-input").setInputFiles({ name: "junk.json", mimeType: "application/json", buffer: Buffer.from("not json at all") });
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-ok", "false");
  await chat.closeSettings();
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);

  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("conversation-item").first().hover();
  await page.getByTestId("conversation-delete").first().click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(0);
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  await expect(page.getByTestId("import-preview")).toHaveAttribute("data-format", "relaychat");
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
  await chat.closeSettings();
  await page.getByTestId("conversation-item").first().click();
  await expect(page.locator('[data-testid="message"][data-role="user"] [data-testid="message-content"]')).toHaveText(["keep this safe"]);
});
