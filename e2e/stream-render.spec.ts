import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { mixedMarkdown } from "../bench/lib/mixed-content.mjs";
import { longMarkdown } from "../bench/lib/content.mjs";

// While an answer streams, its blocks are parsed in a worker and shown a moment later; once it is
// done, what the page shows must be exactly what the same answer renders as when opened from
// storage (parsed in the page, all at once).
const stack = useStack();

/** The rendered markdown of the last answer, once every code block is highlighted. */
async function renderedAnswer(chat: ChatPage) {
  const answer = chat.assistant();
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  const markdown = answer.locator(".markdown");
  // Every fenced block with a known language ends up highlighted (the worker's answer or the page's).
  await expect(markdown.locator("pre code:not(.hljs)")).toHaveCount(0);
  return markdown.evaluate((el) => el.innerHTML);
}

for (const [name, answer] of [
  ["mixed answer (prose, nested lists, tables, code in five languages)", mixedMarkdown(1500)],
  ["answer with inline and block math", longMarkdown(1200)],
] as const) {
  test(`a streamed ${name} renders exactly as it does from storage`, async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    stack.mock.enqueue({ kind: "stream", contentChunks: answer.pieces, chunkDelayMs: 2 });
    await chat.send("a long answer please");
    const streamed = await renderedAnswer(chat);
    expect(streamed).toContain("<table>");
    expect(streamed).toContain("hljs-keyword");
    if (name.includes("math")) expect(streamed).toContain('class="katex"');

    await page.reload();
    const stored = await renderedAnswer(chat);
    expect(stored).toBe(streamed);
  });
}

test("text keeps flowing into the block being written while the answer streams", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  // A paragraph of 1,000 pieces, 10 ms apart: several updates of the same block.
  const pieces = Array.from({ length: 1000 }, (_, i) => `word${i} `);
  stack.mock.enqueue({ kind: "stream", contentChunks: pieces, chunkDelayMs: 10 });
  await chat.send("one long paragraph");
  const content = chat.assistant().getByTestId("message-content");
  await expect(content).toContainText("word20 ");
  await expect(chat.assistant()).toHaveAttribute("data-status", "streaming");
  await expect(content).toContainText("word200 ");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(content).toContainText("word999");
});
