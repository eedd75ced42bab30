import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();

test.use({ viewport: { width: 900, height: 520 } });

/** How far the message list is from its bottom, in pixels. */
const distanceFromBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight;

test("the list follows a streaming answer, and leaves the reader alone once they scroll up", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("mock:slow-400 a long story please");
  const answer = chat.assistant();
  const list = page.getByTestId("message-list");
  // Wait until the answer overflows the viewport, then check the list kept to its bottom.
  await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.clientHeight), { timeout: 20_000 }).toBeGreaterThan(400);
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect.poll(() => list.evaluate(distanceFromBottom)).toBeLessThan(80);

  // The reader scrolls up to read: growth below must not pull them back down.
  await list.hover();
  await page.mouse.wheel(0, -100_000);
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
  const heightThen = await list.evaluate((el) => el.scrollHeight);
  await expect.poll(() => list.evaluate((el) => el.scrollHeight)).toBeGreaterThan(heightThen + 200);
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(answer).toHaveAttribute("data-status", "streaming");
});
