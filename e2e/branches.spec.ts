import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";

const stack = useStack();
const userTexts = (page: Page) => page.locator('[data-testid="message"][data-role="user"] [data-testid="message-content"]');
const lastSent = () => (stack.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>).map((m) => m.content);
const indicator = (message: Locator) => message.getByTestId("branch-indicator");

test("regenerate and edit keep every version; the context follows the branch shown; it all survives a reload and an export", async ({ page, browser }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const first = await chat.ask("question one");
  const firstId = await first.getAttribute("data-message-id");

  // Regenerate: the earlier answer stays as version 1.
  await page.getByTestId("regenerate-button").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  await expect(chat.messages).toHaveCount(2);
  await expect(indicator(chat.assistant())).toHaveText("2/2");
  // The sidebar counts the messages shown, not the other version kept beside them.
  await expect(page.locator('[data-testid="conversation-item"][data-active="true"]')).toContainText("2 messages");
  const secondId = await chat.assistant().getAttribute("data-message-id");
  expect(secondId).not.toBe(firstId);
  await chat.assistant().getByTestId("branch-prev").click();
  await expect(indicator(chat.assistant())).toHaveText("1/2");
  await expect(chat.assistant()).toHaveAttribute("data-message-id", firstId!);
  await expect(chat.assistant().getByTestId("branch-prev")).toBeDisabled();

  // What follows a version is kept with it.
  await chat.ask("follow-up on version one");
  await chat.assistant(0).getByTestId("branch-next").click();
  await expect(userTexts(page)).toHaveText(["question one"]);
  await chat.assistant(0).getByTestId("branch-prev").click();
  await expect(userTexts(page)).toHaveText(["question one", "follow-up on version one"]);

  // Edit and resend: a new version of the question beside the original.
  const question = page.locator('[data-testid="message"][data-role="user"]').first();
  await question.hover();
  await question.getByTestId("edit-message-button").click();
  await page.getByTestId("edit-message-input").fill("question one, edited");
  await page.getByTestId("edit-message-save").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  await expect(userTexts(page)).toHaveText(["question one, edited"]);
  await expect(indicator(question)).toHaveText("2/2");
  await chat.ask("after the edit");
  expect(lastSent()).toContain("question one, edited");
  expect(lastSent()).not.toContain("question one");

  // Back to the original question: its answers and follow-up come back, and only they are sent.
  await question.getByTestId("branch-prev").click();
  await expect(userTexts(page)).toHaveText(["question one", "follow-up on version one"]);
  await chat.ask("on the original branch");
  expect(lastSent()).toEqual(expect.arrayContaining(["question one", "follow-up on version one", "on the original branch"]));
  expect(lastSent()).not.toContain("question one, edited");
  expect(lastSent()).not.toContain("after the edit");

  // Every version's cost stays in the ledger: 6 calls so far.
  await page.getByTestId("ledger-button").click();
  await expect(page.getByTestId("ledger").getByTestId("ledger-entry")).toHaveCount(stack.chatRequests().length);
  await page.keyboard.press("Escape");

  // The branch shown is stored.
  await page.reload();
  await expect(userTexts(page)).toHaveText(["question one", "follow-up on version one", "on the original branch"]);
  await expect(indicator(question)).toHaveText("1/2");

  // Export and import into a fresh browser profile keep every version.
  await chat.openSettings();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-button").click()]);
  const exported = await readFile((await download.path())!, "utf8");
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    const otherChat = new ChatPage(other);
    await otherChat.open(stack.app.url);
    await otherChat.openSettings();
    await other.getByTestId("import-file-input").setInputFiles({ name: "export.json", mimeType: "application/json", buffer: Buffer.from(exported) });
    await other.getByTestId("import-confirm").click();
    await expect(other.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
    await otherChat.closeSettings();
    await other.getByTestId("conversation-item").filter({ hasText: "question one" }).click();
    await expect(userTexts(other)).toHaveText(["question one", "follow-up on version one", "on the original branch"]);
    const q = other.locator('[data-testid="message"][data-role="user"]').first();
    await expect(indicator(q)).toHaveText("1/2");
    await q.getByTestId("branch-next").click();
    await expect(userTexts(other)).toHaveText(["question one, edited", "after the edit"]);
  } finally {
    await fresh.close();
  }
});

test("deleting a message takes what follows it on that branch, with Undo; an answer is edited in place", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("keep me");
  await chat.ask("delete me");
  const sentBefore = stack.chatRequests().length;

  const doomed = page.locator('[data-testid="message"][data-role="user"]').nth(1);
  await doomed.hover();
  await doomed.getByTestId("delete-message-button").click();
  await expect(userTexts(page)).toHaveText(["keep me"]);
  await expect(chat.messages).toHaveCount(2);
  await page.getByTestId("undo-delete-message").click();
  await expect(userTexts(page)).toHaveText(["keep me", "delete me"]);
  await expect(chat.messages).toHaveCount(4);

  const answer = chat.assistant(0);
  await answer.hover();
  await answer.getByTestId("edit-answer-button").click();
  await page.getByTestId("edit-message-input").fill("A corrected answer.");
  await page.getByTestId("edit-message-save").click();
  await expect(answer.getByTestId("message-content")).toHaveText("A corrected answer.");
  expect(stack.chatRequests().length).toBe(sentBefore);
  await page.reload();
  await expect(chat.assistant(0).getByTestId("message-content")).toHaveText("A corrected answer.");
  await chat.ask("and now");
  expect(lastSent()).toContain("A corrected answer.");
});
