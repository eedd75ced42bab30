import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { mixedMarkdown } from "../bench/lib/mixed-content.mjs";
import { longMarkdown } from "../bench/lib/content.mjs";
import { splitMarkdownBlocks } from "../lib/markdown-blocks";

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

test("a block takes the same room as streamed HTML and once rendered, so nothing moves when it closes", async ({ page }) => {
  const workers: import("@playwright/test").Worker[] = [];
  page.on("worker", (worker) => workers.push(worker));
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const { text, pieces } = mixedMarkdown(1500);
  stack.mock.enqueue({ kind: "stream", contentChunks: pieces, chunkDelayMs: 2 });
  await chat.send("a long answer please");
  await renderedAnswer(chat);
  // What the live tail showed for each block: the markdown worker's HTML of its whole text.
  const names = await Promise.all(workers.map((w) => w.evaluate(() => self.name)));
  const worker = workers[names.indexOf("markdown")];
  const blocks = splitMarkdownBlocks(text).map((b) => b.text);
  const htmls = await worker.evaluate(
    (texts) =>
      texts.map((text, id) => {
        let answer = "";
        const post = self.postMessage.bind(self);
        self.postMessage = ((message: { html?: string }) => void (answer = message.html ?? "")) as typeof self.postMessage;
        (self.onmessage as (e: { data: unknown }) => void)({ data: { id: -1 - id, text, finished: false, as: "html" } });
        self.postMessage = post;
        return answer;
      }),
    blocks,
  );
  expect(htmls.every((h) => h.length > 0)).toBe(true);
  // The same blocks as the live tail lays them out, beside the rendered answer (same width and fonts).
  const tops = await chat.assistant().locator(".markdown").evaluate((rendered, htmls) => {
    const live = document.createElement("div");
    live.className = "markdown";
    const tail = live.appendChild(document.createElement("section"));
    tail.className = "md-tail";
    for (const html of htmls) {
      const segment = tail.appendChild(document.createElement("section"));
      segment.className = "md-live-block";
      segment.innerHTML = html;
    }
    rendered.after(live);
    const offsets = (root: Element, elements: Element[]) => elements.map((el) => Math.round(el.getBoundingClientRect().top - root.getBoundingClientRect().top));
    const result = {
      rendered: offsets(rendered, [...rendered.querySelectorAll(":scope > .md-group > *")]),
      live: offsets(live, [...live.querySelectorAll(":scope > .md-tail > .md-live-block > *")]),
      heights: [rendered.getBoundingClientRect().height, live.getBoundingClientRect().height].map(Math.round),
    };
    live.remove();
    return result;
  }, htmls);
  expect(tops.rendered.length).toBeGreaterThan(20);
  expect(tops.live).toEqual(tops.rendered);
  expect(tops.heights[1]).toBe(tops.heights[0]);
});

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

test("each worker runs its own script: the markdown worker parses while the answer streams", async ({ page }) => {
  const workers: import("@playwright/test").Worker[] = [];
  page.on("worker", (worker) => workers.push(worker));
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  stack.mock.enqueue({ kind: "stream", contentChunks: Array.from({ length: 300 }, (_, i) => (i % 30 === 29 ? "\n\n" : `word${i} **bold** `)), chunkDelayMs: 10 });
  await chat.send("stream something");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect.poll(() => workers.length).toBeGreaterThanOrEqual(2);
  // Each script URL names its worker (lib/client/distinct-worker.ts), so none gets another's code.
  const names = await Promise.all(workers.map((w) => w.evaluate(() => ({ name: self.name, search: location.search }))));
  for (const { name, search } of names) expect(search).toBe(`?worker=${name}`);
  // The markdown worker answers a request with a tree, as only it can.
  const markdown = workers[names.findIndex((n) => n.name === "markdown")];
  expect(markdown).toBeTruthy();
  const answer = await markdown.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const post = self.postMessage.bind(self);
        self.postMessage = ((message: unknown) => {
          resolve(JSON.stringify(message));
          post(message);
        }) as typeof self.postMessage;
        (self.onmessage as (e: { data: unknown }) => void)({ data: { id: -1, text: "some **bold** text", finished: false } });
      }),
  );
  expect(answer).toContain('"tagName":"strong"');
});

test("a long code block shows every line, scrolls sideways to its longest, and copies whole, its lines off screen skipped", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const long = `const wide = "${"x".repeat(400)}";`;
  const lines = Array.from({ length: 300 }, (_, i) => (i === 150 ? long : i % 40 === 5 ? `/* a comment\n   over lines ${i} */` : `export const value${i} = compute(${i}, "<b>&amp;</b>");`));
  const code = `${lines.join("\n")}\n`;
  const answer = `Here is the file:\n\n\`\`\`ts\n${code}\`\`\`\n`;
  stack.mock.enqueue({ kind: "stream", contentChunks: answer.match(/[\s\S]{1,40}/g)!, chunkDelayMs: 2 });
  await chat.send("a long file please");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  const pre = chat.assistant().locator("pre");
  const shape = await pre.evaluate((el) => {
    const groups = [...el.querySelectorAll(".code-lines")];
    const lineHeight = parseFloat(getComputedStyle(el.querySelector("code")!).lineHeight);
    const range = document.createRange();
    range.selectNodeContents(el.querySelector("code")!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return {
      groups: groups.length,
      skippable: groups.filter((g) => g.classList.contains("code-lines-skippable")).length,
      linesTall: Math.round(el.querySelector("code")!.getBoundingClientRect().height / lineHeight),
      selected: getSelection()!.toString(),
      text: el.textContent,
    };
  });
  const lineCount = code.split("\n").length - 1;
  expect(shape.groups).toBe(Math.ceil(lineCount / 64));
  expect(shape.skippable).toBe(Math.floor(lineCount / 64));
  // No line missing or added at a group's edge, as laid out and as read.
  expect(shape.linesTall).toBe(lineCount);
  expect(shape.text).toBe(code);
  expect(shape.selected.replace(/\n$/, "")).toBe(code.replace(/\n$/, ""));
  // The longest line is not cut off at its group's edge: once on screen, the block scrolls to its end.
  await chat.assistant().getByText(`value149 `, { exact: false }).scrollIntoViewIfNeeded();
  // (highlight.js's theme makes code.hljs the box that scrolls.)
  await expect.poll(() => pre.locator("code").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(1000);
  await chat.assistant().getByTestId("copy-code-button").click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code.replace(/\n$/, ""));
  // Opened again from storage, the block is built the same way.
  const streamed = await pre.evaluate((el) => el.innerHTML);
  await page.reload();
  await expect(chat.assistant().locator("pre code.hljs")).toHaveCount(1);
  expect(await chat.assistant().locator("pre").evaluate((el) => el.innerHTML)).toBe(streamed);
});
