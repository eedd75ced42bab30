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

test("a streaming answer grows into room kept below it: the list moves in steps, its end stays on screen, and the room goes when it is done", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  // About 40 paragraphs, 8 ms apart: far more updates than the viewport has steps.
  const pieces = Array.from({ length: 1200 }, (_, i) => (i % 30 === 29 ? "\n\n" : `word${i} `));
  stack.mock.enqueue({ kind: "stream", contentChunks: pieces, chunkDelayMs: 8 });
  await page.evaluate(() => {
    const probe = { updates: 0, scrolls: 0, endOffScreen: 0, frames: 0 };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    let lastTop = -1;
    // Sampled once a frame is done (its resize observers and the follow scroll included): what was on screen.
    const sample = () => {
      const list = document.querySelector<HTMLElement>('[data-testid="message-list"]');
      const answer = document.querySelector('[data-testid="message"][data-role="assistant"][data-status="streaming"] .markdown');
      if (list && answer) {
        probe.frames++;
        if (list.scrollTop !== lastTop) probe.scrolls++;
        lastTop = list.scrollTop;
        // The answer's end is inside the list's viewport.
        const end = answer.getBoundingClientRect().bottom;
        const view = list.getBoundingClientRect();
        if (end > view.bottom + 1 || end < view.top) probe.endOffScreen++;
      }
    };
    const tick = () => {
      setTimeout(sample, 0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // An update is a task that changed the answer's text (one count however many nodes it touched).
    let counted = false;
    new MutationObserver((records) => {
      if (counted || !records.some((r) => (r.target instanceof Element ? r.target : r.target.parentElement)?.closest(".markdown"))) return;
      counted = true;
      probe.updates++;
      setTimeout(() => (counted = false), 0);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await chat.send("many paragraphs please");
  const answer = chat.assistant();
  const content = answer.getByTestId("message-content");
  await expect(content).toContainText("word300 ");
  // While it streams, there is room below the text.
  await expect(answer).toHaveAttribute("data-status", "streaming");
  expect(await content.evaluate((el) => el.style.minHeight)).toMatch(/px$/);
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(content).toContainText("word1198");
  const probe = await page.evaluate(() => (window as unknown as { __probe: { updates: number; scrolls: number; endOffScreen: number; frames: number } }).__probe);
  expect(probe.frames).toBeGreaterThan(20);
  expect(probe.endOffScreen).toBe(0);
  // The list scrolls once a step (about one update in five here), not with every update.
  expect(probe.scrolls).toBeLessThan(probe.updates / 2);
  // Done: the room is gone and the list ends at the answer.
  expect(await content.evaluate((el) => el.style.minHeight)).toBe("");
  const list = page.getByTestId("message-list");
  await expect.poll(() => list.evaluate(distanceFromBottom)).toBeLessThan(80);
  await expect(page.getByText("word1198")).toBeInViewport();
});

test("when the reasoning folds as the answer begins, the room it took is given back and the answer stays on screen", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  // Reasoning three times as tall as the list, then the answer, slowly.
  const reasoning = Array.from({ length: 80 }, (_, i) => `Thinking about step ${i} of the question.`).join("\n");
  const pieces = Array.from({ length: 500 }, (_, i) => (i % 40 === 39 ? "\n\n" : `word${i} `));
  stack.mock.enqueue({ kind: "stream", reasoning, contentChunks: pieces, chunkDelayMs: 10 });
  await chat.send("think first, then answer");
  const answer = chat.assistant();
  await expect(answer.getByTestId("reasoning-block")).toHaveAttribute("open", "", { timeout: 15_000 });
  await expect(answer.getByTestId("message-content")).toContainText("word60 ", { timeout: 15_000 });
  await expect(answer.getByTestId("reasoning-block")).not.toHaveAttribute("open");
  await expect(answer).toHaveAttribute("data-status", "streaming");
  const list = page.getByTestId("message-list");
  const whereIsTheEnd = () =>
    list.evaluate((el) => {
      const markdown = el.querySelector('[data-status="streaming"] .markdown');
      if (!markdown) return "no answer streaming";
      const end = markdown.getBoundingClientRect().bottom;
      const view = el.getBoundingClientRect();
      return end <= view.bottom + 1 && end >= view.top ? "on screen" : `${Math.round(end - view.bottom)} px from the bottom`;
    });
  await expect.poll(whereIsTheEnd, { timeout: 3_000 }).toBe("on screen");
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
});
