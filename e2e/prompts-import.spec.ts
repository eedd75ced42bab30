// Prompts in and out: NextChat masks from their own export and from a backup's mask-store, in the
// library and in Settings → Data, without duplicates; a broken file changes nothing; a mask's model
// and temperature reach the upstream; export/import keeps prompts; a refused model is left out.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startAppServer, type AppServer } from "./app-server";
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { askAndRead, PromptLibraryPage } from "./pages/prompt-library";

const stack = useStack();
const fixture = (name: string) => path.resolve(__dirname, "..", "lib", "import", "fixtures", name);
const json = (name: string, data: unknown) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });

test("NextChat masks: import masks.json from the library without duplicates, refuse a broken file, use a mask", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await lib.open();
  const mine = lib.mine;

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
  await expect(lib.named("周报生成器")).toContainText("NextChat mask");

  // The same masks again, as NextChat writes them after its own re-import (new ids): nothing new.
  const reIded = JSON.parse(await readFile(fixture("nextchat-masks.json"), "utf8")).map((m: { id: string }, i: number) => ({ ...m, id: `again${i}` }));
  await page.getByTestId("prompt-import-file").setInputFiles(json("masks.json", reIded));
  await expect(page.getByTestId("import-preview-prompts-same")).toContainText("3");
  await expect(page.getByTestId("import-confirm")).toBeDisabled();
  await page.getByTestId("import-cancel").click();
  await expect(mine).toHaveCount(3);

  await lib.named("周报生成器").getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.messages.nth(1)).toContainText("本周完成");
  const body = await askAndRead(chat, stack.chatRequests, "周二写了文档");
  expect(body.model).toBe("gpt-4o-mini");
  expect(body.temperature).toBe(0.4);
  expect(body.messages[0]).toEqual({ role: "system", content: expect.stringMatching(/^你是一名项目经理助理/) });
  expect(body.messages.at(-1)).toEqual({ role: "user", content: "周二写了文档" });
});

test("NextChat masks through Settings → Data: one mask's export and a backup's mask-store; its model reaches the upstream", async ({ page }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
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

  await lib.open();
  await expect(lib.named("英译中")).toContainText("gpt-4o");
  // The backup's masks again from the library: already here.
  await page.getByTestId("prompt-import-file").setInputFiles(fixture("nextchat-backup.json"));
  await expect(page.getByTestId("import-preview-nothing")).toBeVisible();
  await page.getByTestId("import-cancel").click();

  const tutor = lib.named("English tutor");
  await expect(tutor.getByTestId("prompt-model")).toHaveAttribute("data-status", "ok");
  await tutor.getByTestId("prompt-use").click();
  await expect(chat.messages).toHaveCount(1);
  await expect(chat.messages.first()).toHaveAttribute("data-role", "assistant");
  await expect(chat.messages.first()).toContainText("Tell me about your day");
  const body = await askAndRead(chat, stack.chatRequests, "I goes to school yesterday.");
  expect(body.model).toBe("mock-model");
  expect(body.temperature).toBe(0.6);
  expect(body.messages.map((m) => m.role)).toEqual(["system", "assistant", "user"]);
  await chat.openSettings();
  await expect(page.getByTestId("settings-model")).toHaveValue("mock-model");
});

test("export and import keep saved prompts", async ({ page, browser }) => {
  const chat = new ChatPage(page);
  const lib = new PromptLibraryPage(page);
  await chat.open(stack.app.url);
  await lib.open();
  await lib.item("builtin:summary").getByTestId("prompt-duplicate").click();
  await expect(lib.named("Summariser (copy)")).toBeVisible();
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
  const lib2 = new PromptLibraryPage(page2);
  await lib2.open();
  const copy = lib2.named("Summariser (copy)");
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
    const lib = new PromptLibraryPage(page);
    await chat.open(app.url);
    await lib.open();
    await page.getByTestId("prompt-import-file").setInputFiles(fixture("nextchat-masks.json"));
    await page.getByTestId("import-confirm").click();
    const coach = lib.named("Interview coach");
    await expect(coach.getByTestId("prompt-model")).toHaveAttribute("data-status", "refused");
    await coach.getByTestId("prompt-use").click();
    await expect(page.locator('[data-testid="notice"][data-key="prompts.modelRefused"]')).toContainText("this chat uses gpt-4o-mini");
    const body = await askAndRead(chat, stack.chatRequests, "Ready");
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.temperature).toBe(0.8);
  });
});
