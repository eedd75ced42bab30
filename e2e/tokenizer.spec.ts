import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();

/** Scripts the realm it runs in (the page or a worker) has loaded, with their decoded sizes. */
const loadedScripts = () =>
  performance
    .getEntriesByType("resource")
    .filter((e) => e.name.endsWith(".js"))
    .map((e) => ({ name: e.name, size: (e as PerformanceResourceTiming).decodedBodySize }));

// The rank tables are the only script over ~1 MB (cl100k_base ~1.1 MB, o200k_base ~2.3 MB).
const RANKS_MIN_BYTES = 900_000;

test("tokens are counted exactly in a Web Worker, and the rank tables never load in the page", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const preview = page.getByTestId("send-preview");
  await chat.composer.fill("hello world");
  // Reply priming 3 + message framing 3 + "user" 1 + "hello world" 2, in both encodings.
  await expect(preview).toHaveAttribute("data-exact", "true");
  await expect(preview).toHaveAttribute("data-prompt-tokens", "9");

  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const workerScripts = (await Promise.all(page.workers().map((w) => w.evaluate(loadedScripts)))).flat();
  expect(workerScripts.some((s) => s.size > RANKS_MIN_BYTES)).toBe(true);
  const pageScripts = await page.evaluate(loadedScripts);
  expect(pageScripts.length).toBeGreaterThan(0);
  expect(pageScripts.filter((s) => s.size > RANKS_MIN_BYTES)).toEqual([]);

  // Typing on: each draft is recounted exactly, not left on the estimate.
  await chat.composer.fill("hello world, hello world");
  await expect(preview).toHaveAttribute("data-exact", "true");
  await expect(preview).not.toHaveAttribute("data-prompt-tokens", "9");
});

test("a history message's count is exact and sent as counted", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("hello world");
  const preview = page.getByTestId("send-preview");
  await chat.composer.fill("hello world");
  await expect(preview).toHaveAttribute("data-exact", "true");
  // Two earlier messages now ride along: the question, and the mock's answer.
  await expect(preview).toHaveAttribute("data-messages", "3");
  expect(Number(await preview.getAttribute("data-prompt-tokens"))).toBeGreaterThan(9 + 6);
});
