import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();
const { chatRequests } = stack;

test("the next-send preview follows the history count, and the inspector lists what is sent", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const preview = page.getByTestId("send-preview");
  // One message is one message, not "1 messages".
  await chat.composer.fill("first");
  await expect(preview.locator("span").first()).toHaveText("Next send: 1 message");
  await chat.ask("first");
  await chat.ask("second");
  await chat.composer.fill("third");
  await expect(preview).toHaveAttribute("data-exact", "true");
  // Default history count 8: all 4 earlier messages + the question.
  await expect(preview).toHaveAttribute("data-messages", "5");
  const tokensAll = Number(await preview.getAttribute("data-prompt-tokens"));

  await chat.openSettings();
  await page.getByTestId("settings-history-count").fill("2");
  await chat.closeSettings();
  await expect(preview).toHaveAttribute("data-messages", "2");
  expect(Number(await preview.getAttribute("data-prompt-tokens"))).toBeLessThan(tokensAll);

  await page.getByTestId("context-inspector-button").click();
  const inspector = page.getByTestId("context-inspector");
  await expect(inspector.locator('[data-testid="context-item"][data-state="included"]')).toHaveCount(1);
  await expect(inspector.locator('[data-testid="context-item"][data-state="count"]')).toHaveCount(3);
  // N = 2: the system prompt's slot (none is set) and the one most recent earlier message.
  await expect(inspector.locator('[data-testid="context-item"][data-state="included"]')).toHaveAttribute("data-role", "assistant");

  // What the preview said is what goes out.
  await chat.composer.press("Enter");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  const sent = chatRequests().at(-1)!;
  expect(sent.body.messages.map((m: { role: string }) => m.role)).toEqual(["assistant", "user"]);
  expect(sent.body.messages[1].content).toBe("third");
  expect(sent.usage!.prompt_tokens).toBeGreaterThan(0);
});

test("answers, regenerations and model titles each add a ledger line with the upstream's usage", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-title-mode").selectOption("model");
  await chat.closeSettings();
  await chat.ask("How tall is Everest?");
  await expect(page.getByTestId("title-call")).toBeVisible();
  await page.getByTestId("regenerate-button").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");

  await page.getByTestId("ledger-button").click();
  const entries = page.getByTestId("ledger").getByTestId("ledger-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toHaveAttribute("data-kind", "chat");
  await expect(entries.nth(1)).toHaveAttribute("data-kind", "title");
  await expect(entries.nth(2)).toHaveAttribute("data-kind", "regenerate");
  const sent = chatRequests();
  expect(sent).toHaveLength(3);
  for (let i = 0; i < 3; i++) {
    await expect(entries.nth(i)).toHaveAttribute("data-estimated", "false");
    await expect(entries.nth(i)).toHaveAttribute("data-prompt-tokens", String(sent[i].usage!.prompt_tokens));
    await expect(entries.nth(i)).toHaveAttribute("data-completion-tokens", String(sent[i].usage!.completion_tokens));
  }
  const total = page.getByTestId("ledger-total");
  const sum = sent.reduce((n, r) => n + r.usage!.prompt_tokens, 0);
  await expect(total).toHaveAttribute("data-prompt-tokens", String(sum));
});

test("Continue joins the rest of a length-cut answer to the same message", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const answer = await chat.ask("mock:length write a lot");
  await expect(page.getByTestId("continue-button")).toBeVisible();
  const firstPart = await answer.getByTestId("message-content").innerText();
  await page.getByTestId("continue-button").click();
  // The button goes when the continuation starts; the answer is "done" again only once it ends
  // (it was "done" before the click too, so waiting for that first proved nothing).
  await expect(page.getByTestId("continue-button")).toHaveCount(0);
  await expect(answer).toHaveAttribute("data-status", "done");
  await expect.poll(async () => (await answer.getByTestId("message-content").innerText()).length).toBeGreaterThan(firstPart.length);
  await expect(chat.messages).toHaveCount(2);
  const joined = await answer.getByTestId("message-content").innerText();
  expect(joined.length).toBeGreaterThan(firstPart.length);
  const cont = chatRequests().at(-1)!;
  // The cut answer rides along so the model knows where to go on.
  expect(cont.body.messages.some((m: { role: string }) => m.role === "assistant")).toBe(true);
  await page.getByTestId("ledger-button").click();
  await expect(page.getByTestId("ledger").locator('[data-testid="ledger-entry"][data-kind="continue"]')).toHaveCount(1);
});

test("the context window guard offers to lower max_tokens before sending", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-context-window").fill("4096");
  await page.getByTestId("settings-max-tokens").fill("4090");
  await chat.closeSettings();
  await chat.composer.fill("a question that needs room");
  await expect(page.getByTestId("context-guard")).toBeVisible();
  await page.getByTestId("context-guard-fix").click();
  await expect(page.getByTestId("context-guard")).toHaveCount(0);
  await chat.composer.press("Enter");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  expect(chatRequests().at(-1)!.body.max_tokens).toBeLessThan(4096 - 10);
});
