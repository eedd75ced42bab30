import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();
const { chatRequests } = stack;

test("a streamed answer appears bit by bit, then shows its usage", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("mock:slow tell me a long story");
  const answer = chat.assistant();
  await expect(answer).toHaveAttribute("data-status", "streaming");
  const content = answer.getByTestId("message-content");
  await expect(content).not.toBeEmpty();
  const early = (await content.innerText()).length;
  await expect.poll(async () => (await content.innerText()).length).toBeGreaterThan(early + 20);
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  const usage = answer.getByTestId("message-usage");
  await expect(usage).toHaveAttribute("data-estimated", "false");
  const sent = chatRequests().at(-1)!;
  expect(sent.body.stream).toBe(true);
  expect(sent.body.stream_options).toEqual({ include_usage: true });
  expect(sent.headers.authorization).toBe("Bearer sk-test-upstream-key");
});

test("Stop aborts the upstream request and keeps the partial answer", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("mock:slow please go on and on");
  const answer = chat.assistant();
  await expect(answer.getByTestId("message-content")).not.toBeEmpty();
  await page.getByTestId("stop-button").click();
  await expect(answer).toHaveAttribute("data-status", "interrupted");
  await expect(answer.getByTestId("message-content")).not.toBeEmpty();
  await expect.poll(() => chatRequests().at(-1)?.aborted, { timeout: 10_000 }).toBe(true);
  await expect(page.getByTestId("send-button")).toBeVisible();
});

test("the request honours history count, system prompt and temperature", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-system-prompt").fill("You are terse.");
  await page.getByTestId("settings-temperature").fill("1.5");
  await expect(page.getByTestId("temperature-warning")).toBeVisible();
  await page.getByTestId("settings-history-count").fill("3");
  await chat.closeSettings();
  await chat.ask("first question");
  await chat.ask("second question");
  await chat.ask("third question");
  const body = chatRequests().at(-1)!.body;
  expect(body.temperature).toBe(1.5);
  const roles = body.messages.map((m: { role: string }) => m.role);
  // N = 3: the system prompt, the 2 most recent earlier messages, the question.
  expect(roles).toEqual(["system", "user", "assistant", "user"]);
  expect(body.messages[0].content).toBe("You are terse.");
  expect(body.messages[1].content).toBe("second question");
  expect(body.messages[3].content).toBe("third question");

  await chat.openSettings();
  await page.getByTestId("settings-history-count").fill("0");
  await chat.closeSettings();
  await chat.ask("alone");
  expect(chatRequests().at(-1)!.body.messages).toEqual([{ role: "user", content: "alone" }]);
});

test("a model-made title shows as its own billed line", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-title-mode").selectOption("model");
  await chat.closeSettings();
  await chat.ask("How do I bake sourdough bread?");
  const line = page.getByTestId("title-call");
  await expect(line).toBeVisible();
  await expect(line).toHaveAttribute("data-status", "done");
  const titleReq = chatRequests().at(-1)!;
  expect(chatRequests().length).toBe(2);
  const usage = line.getByTestId("title-call-usage");
  await expect(usage).toHaveAttribute("data-estimated", "false");
  await expect(page.getByTestId("chat-title")).not.toHaveText(/How do I bake sourdough/);
  expect(titleReq.body.max_tokens).toBeLessThanOrEqual(60);
  // One title per conversation: a second message does not call the title model again.
  await chat.ask("And rye?");
  expect(chatRequests().length).toBe(3);
});

test("a 401 from the upstream shows what to do", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const answer = await chat.ask("mock:error-401-openai hi", "error");
  const hint = answer.getByTestId("error-hint");
  await expect(hint).toHaveAttribute("data-code", "upstream_auth");
  await expect(hint).toContainText(/key/i);
  await expect(hint).toContainText("401");
});

test("an HTML error page and a relay error with a request id are explained", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const html = await chat.ask("mock:error-502-html hi", "error");
  await expect(html.getByTestId("error-hint")).toHaveAttribute("data-code", "upstream_html");
  const relay = await chat.ask("mock:error-503-oneapi-no-channel hi", "error");
  await expect(relay.getByTestId("error-hint")).toHaveAttribute("data-code", "model_not_found");
  await expect(relay.getByTestId("error-hint")).toContainText(/request id|请求 ID/i);
});

test("a reload keeps the conversation, and a stream cut by the reload stays as interrupted", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("remember me");
  await chat.send("mock:slow a long one");
  await expect(chat.assistant().getByTestId("message-content")).not.toBeEmpty();
  await page.waitForTimeout(2200); // the partial answer is saved about once a second
  await page.reload();
  await expect(page.locator('[data-testid="message"][data-role="user"]').first()).toHaveText(/remember me/);
  await expect(chat.messages).toHaveCount(4);
  const cut = chat.assistant();
  await expect(cut).toHaveAttribute("data-status", "interrupted");
  await expect(cut.getByTestId("message-content")).not.toBeEmpty();
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);
});

test("Enter sends, Shift+Enter breaks the line, Enter during IME composition does not send", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.composer.fill("ni");
  await chat.composer.evaluate((el) => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
  });
  await chat.composer.press("Shift+Enter");
  await chat.composer.pressSequentially("hao");
  await expect(chat.composer).toHaveValue("ni\nhao");
  expect(chatRequests().length).toBe(0);
  await chat.composer.press("Enter");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  expect(chatRequests().at(-1)!.body.messages.at(-1).content).toBe("ni\nhao");
});

test("on a wide screen with a mouse, the empty composer shows the key hint on one line; typing hides it", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const hint = page.getByTestId("composer-keys-hint");
  await expect(hint).toBeVisible();
  // The empty chat's invitation names the keys too, here where there is a keyboard.
  await expect(page.getByTestId("chat-empty-keys")).toBeVisible();
  await expect(page.getByTestId("chat-empty-keys")).toHaveText("Enter sends, Shift+Enter adds a line.");
  await expect(hint).toHaveText("Message (Enter to send, Shift+Enter for a new line)");
  // One line, inside the box; the box's own (short) placeholder is not drawn under it.
  const [box, line] = await Promise.all([chat.composer.boundingBox(), hint.boundingBox()]);
  expect(line!.height).toBeLessThanOrEqual(30);
  expect(line!.x + line!.width).toBeLessThanOrEqual(box!.x + box!.width);
  expect(await chat.composer.evaluate((ta) => getComputedStyle(ta, "::placeholder").color)).toBe("rgba(0, 0, 0, 0)");
  await chat.composer.fill("typing");
  await expect(hint).toBeHidden();
  await chat.composer.fill("");
  await expect(hint).toBeVisible();
});

test("regenerate, edit and resend, delete and new chat", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("question one");
  await page.getByTestId("regenerate-button").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  expect(chatRequests().length).toBe(2);
  await expect(chat.messages).toHaveCount(2);

  await page.locator('[data-testid="message"][data-role="user"]').hover();
  await page.getByTestId("edit-message-button").click();
  await page.getByTestId("edit-message-input").fill("question one, edited");
  await page.getByTestId("edit-message-save").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
  expect(chatRequests().at(-1)!.body.messages.at(-1).content).toBe("question one, edited");
  await expect(chat.messages).toHaveCount(2);

  await page.getByTestId("new-chat-button").click();
  await chat.ask("second chat");
  await expect(page.getByTestId("conversation-item")).toHaveCount(2);
  await page.getByTestId("conversation-item").nth(1).click();
  await expect(page.locator('[data-testid="message"][data-role="user"] [data-testid="message-content"]')).toHaveText(["question one, edited"]);
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("conversation-item").first().hover();
  await page.getByTestId("conversation-delete").first().click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);
});
