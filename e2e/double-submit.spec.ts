import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();
const { chatRequests } = stack;

// The answer is marked streaming only after the context is counted; before that, a second click
// must not start a second request for the same turn.
test("a double-click on Continue sends one continuation", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("mock:length write a lot");
  // After a reload the tokenizer has not loaded yet: the longest wait before the message streams.
  await page.reload();
  const answer = chat.assistant();
  const cont = page.getByTestId("continue-button");
  await expect(cont).toBeVisible();
  const firstPart = await answer.getByTestId("message-content").innerText();
  const before = chatRequests().length;
  await cont.dblclick();
  await expect(cont).toHaveCount(0);
  await expect.poll(async () => (await answer.getByTestId("message-content").innerText()).length).toBeGreaterThan(firstPart.length);
  await expect(answer).toHaveAttribute("data-status", "done");
  await page.getByTestId("ledger-button").click();
  await expect(page.getByTestId("ledger").locator('[data-testid="ledger-entry"][data-kind="continue"]')).toHaveCount(1);
  expect(chatRequests().slice(before).map((r) => r.body.messages.at(-1)?.content)).toEqual([expect.stringMatching(/^Continue exactly where/)]);
});

test("Enter pressed twice on one question sends it once", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.composer.fill("only once please");
  await chat.composer.press("Enter");
  await chat.composer.press("Enter");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  await expect(chat.messages).toHaveCount(2);
  expect(chatRequests()).toHaveLength(1);
});
