import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";

const stack = useStack();
const sentContents = () => (stack.chatRequests().at(-1)!.body.messages as Array<{ role: string; content: string }>).map((m) => `${m.role}:${m.content}`);

test("a new topic sends nothing before its mark, keeps the system prompt, survives a reload and can be removed", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("settings-system-prompt").fill("You are terse.");
  await chat.closeSettings();
  await chat.ask("first topic question");
  await expect(page.getByTestId("context-marker")).toHaveCount(0);

  await page.getByTestId("clear-context-button").click();
  await expect(page.getByTestId("context-marker")).toHaveCount(1);
  await expect(page.getByTestId("clear-context-button")).toBeDisabled();
  await page.getByTestId("context-inspector-button").click();
  await expect(page.getByTestId("inspector-topic")).toContainText("2 earlier messages");
  await expect(page.getByTestId("send-preview")).toHaveAttribute("data-messages", "2");

  await chat.ask("second topic question");
  expect(sentContents()).toEqual(["system:You are terse.", "user:second topic question"]);

  // The mark is stored with the message.
  await page.reload();
  await expect(page.getByTestId("context-marker")).toHaveCount(1);
  await expect(page.getByTestId("clear-context-button")).toBeEnabled();

  await page.getByTestId("context-marker-remove").click();
  await expect(page.getByTestId("context-marker")).toHaveCount(0);
  await chat.ask("all together now");
  const sent = sentContents();
  expect(sent[0]).toBe("system:You are terse.");
  expect(sent).toContain("user:first topic question");
  expect(sent).toContain("user:second topic question");
  expect(sent.at(-1)).toBe("user:all together now");
});
