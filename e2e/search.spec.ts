import { expect, test, useStack } from "./fixtures";
import type { Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { seriousViolations } from "./axe";

// Search across conversations (issue 10, section 1): the index in a worker, the Ctrl/⌘+K palette,
// results grouped by conversation with marks, opening a result on its branch, scrolled to it.
const stack = useStack();
// Each test imports a history through Settings and searches several times: on a busy shared
// machine that has taken 35 s, so the limit is twice the default.
test.describe.configure({ timeout: 120_000 });

const t0 = Date.UTC(2025, 5, 1);
const at = (minutes: number) => t0 + minutes * 60_000;
const msg = (id: string, parentId: string | null, role: "user" | "assistant", content: string, minute: number) => ({ id, parentId, role, content, status: "done", createdAt: at(minute) });
const conv = (id: string, title: string, updatedMinute: number, messages: ReturnType<typeof msg>[], leafId: string) => ({
  id,
  title,
  titleSettled: true,
  createdAt: at(0),
  updatedAt: at(updatedMinute),
  messages,
  leafId,
  overrides: {},
  ledger: [],
});

/** A long conversation: the quokka message is far above the end it opens at. */
const longMessages = Array.from({ length: 80 }, (_, i) =>
  msg(`l${i}`, i === 0 ? null : `l${i - 1}`, i % 2 ? "assistant" : "user", i === 5 ? "Remember the quokka-marker note from the zoo trip." : `Filler line ${i}: ${"lorem ipsum dolor sit amet ".repeat(8)}`, i),
);

const history = {
  format: "relaychat",
  version: 2,
  exportedAt: new Date(t0).toISOString(),
  conversations: [
    conv("c-retry", "Retry budget", 30, [msg("r1", null, "user", "How often should I retry a 502?", 1), msg("r2", "r1", "assistant", "Twice at most. Behind nginx a 502 usually means the upstream is down.", 2)], "r2"),
    conv(
      "c-old",
      "Streaming behind NGINX",
      60,
      [
        msg("n1", null, "user", "My answers arrive all at once behind nginx.", 1),
        msg("n2", "n1", "assistant", "Nginx buffers proxied responses: set proxy_buffering off.", 2),
      ],
      "n2",
    ),
    conv("c-long", "Long notes", 120, longMessages, "l79"),
    conv(
      "c-md",
      "Pangolin relay",
      10,
      [
        msg("m1", null, "user", "How do I run the pangolin relay?", 1),
        msg("m2", "m1", "assistant", "## Setup\n\nThis is the **RelayChat pangolin upstream**. See [the guide](https://docs.example.com/pangolin-setup) and run `npm run pangolin`:\n\n```bash\nnpm run pangolin\n```\n", 2),
      ],
      "m2",
    ),
    conv(
      "c-zh",
      "服务器部署问题",
      180,
      [
        msg("d1", null, "user", "服务器部署以后打不开页面，端口映射是不是有问题？", 1),
        msg("d2", "d1", "assistant", "先检查 docker run 的端口映射，再确认防火墙放行了端口。前面有 Nginx 的话要关闭缓冲。", 2),
        // An earlier version of the answer, on a branch that is not shown.
        msg("d2b", "d1", "assistant", "较早的回答：确认容器监听的是 0.0.0.0 而不是 127.0.0.1。", 3),
      ],
      "d2",
    ),
  ],
};

async function seed(page: Page) {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles({ name: "history.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(history)) });
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
  await chat.closeSettings();
  return chat;
}

/** Types the query and waits until the results shown are the answer to it. */
async function search(page: Page, query: string) {
  await page.getByTestId("search-input").fill(query);
  await expect(page.getByTestId("search-body")).toHaveAttribute("data-query", query);
}

const highlights = (page: Page) => page.getByTestId("search-highlight").allInnerTexts();

test("finds words and Chinese substrings in every conversation, grouped newest first, with the match marked", async ({ page }) => {
  await seed(page);
  await page.keyboard.press("Control+k");
  await expect(page.getByTestId("search-dialog")).toBeVisible();
  await expect(page.getByTestId("search-input")).toBeFocused();

  await search(page, "nginx");
  const groups = page.getByTestId("search-group");
  await expect(groups).toHaveCount(3);
  expect(await groups.evaluateAll((els) => els.map((el) => el.getAttribute("data-conv-id")))).toEqual(["c-zh", "c-old", "c-retry"]);
  // Case-insensitive, in titles and messages; the title match is an option of its own.
  expect((await highlights(page)).map((h) => h.toLowerCase()).every((h) => h === "nginx")).toBe(true);
  expect(await highlights(page)).toEqual(expect.arrayContaining(["NGINX", "Nginx", "nginx"]));
  await expect(page.locator('[data-testid="search-result"][data-kind="title"][data-conv-id="c-old"]')).toBeVisible();
  await expect(page.locator('[data-testid="search-result"][data-message-id="n2"]')).toContainText("proxy_buffering off");
  await expect(page.getByTestId("search-count")).toHaveText("3 conversations");

  // A substring across Chinese words, and full-width letters for half-width text.
  await search(page, "署以后打");
  await expect(page.getByTestId("search-result")).toHaveCount(1);
  await expect(page.locator('[data-testid="search-result"][data-message-id="d1"]')).toBeVisible();
  expect(await highlights(page)).toEqual(["署以后打"]);
  await search(page, "ＤＯＣＫＥＲ");
  expect(await highlights(page)).toEqual(["docker"]);

  // Several words: messages holding all of them.
  await search(page, "retry 502");
  await expect(page.getByTestId("search-result")).toHaveCount(1);
  await search(page, "quokka-marker zebra");
  await expect(page.getByTestId("search-empty")).toContainText("Nothing found for “quokka-marker zebra”");

  await page.keyboard.press("Escape");
  await expect(page.getByTestId("search-dialog")).toHaveCount(0);
});

test("a snippet shows an answer's Markdown as plain text, the match still marked", async ({ page }) => {
  await seed(page);
  await page.keyboard.press("Control+k");
  const result = page.locator('[data-testid="search-result"][data-message-id="m2"]');
  await search(page, "relaychat");
  await expect(result).toContainText("Setup This is the RelayChat pangolin upstream. See the guide and run npm run pangolin: npm run pangolin");
  for (const syntax of ["**", "##", "```", "](", "`"]) await expect(result).not.toContainText(syntax);
  expect(await highlights(page)).toEqual(["RelayChat"]);
  // A match in a link's address shows the address, marked, after the link's text.
  await search(page, "docs.example");
  await expect(result).toContainText("See the guide (https://docs.example.com/pangolin-setup) and run");
  expect(await highlights(page)).toEqual(["docs.example"]);
});

test("choosing a result with the keyboard opens its conversation scrolled to the message", async ({ page }) => {
  await seed(page);
  await page.getByTestId("search-button").click();
  await search(page, "QUOKKA");
  await expect(page.getByTestId("search-result")).toHaveCount(1);
  await page.getByTestId("search-input").press("ArrowDown");
  await page.getByTestId("search-input").press("Enter");
  await expect(page.getByTestId("search-dialog")).toHaveCount(0);
  await expect(page.getByTestId("chat-title")).toHaveText("Long notes");
  const target = page.locator('[data-search-target="true"] [data-message-id="l5"]');
  await expect(target).toBeInViewport();
  await expect(target).toContainText("quokka-marker");
  // The list did not stay at its end.
  await expect(page.locator('[data-message-id="l79"]')).not.toBeInViewport();
  // Focus went back where it was before the search opened.
  await expect(page.getByTestId("search-button")).toBeFocused();
});

test("a result on a branch that is not shown opens that branch", async ({ page }) => {
  await seed(page);
  await page.keyboard.press("Control+k");
  await search(page, "0.0.0.0");
  const result = page.locator('[data-testid="search-result"][data-message-id="d2b"]');
  await expect(result).toContainText("other version");
  await result.click();
  await expect(page.getByTestId("chat-title")).toHaveText("服务器部署问题");
  await expect(page.locator('[data-search-target="true"] [data-message-id="d2b"]')).toBeInViewport();
  await expect(page.locator('[data-message-id="d2"]')).toHaveCount(0);

  // The shown answer's text is still found, and opening it switches back.
  await page.keyboard.press("Control+k");
  await search(page, "防火墙");
  const shown = page.locator('[data-testid="search-result"][data-message-id="d2"]');
  await expect(shown).toContainText("other version");
  await shown.click();
  await expect(page.locator('[data-message-id="d2"]')).toBeInViewport();
  await expect(page.locator('[data-message-id="d2b"]')).toHaveCount(0);
});

test("what changes after the index was built is found by its new text (edits, new versions, renames); the trash is not searched", async ({ page }) => {
  const chat = await seed(page);
  // Build the index and use it once.
  await page.keyboard.press("Control+k");
  await search(page, "retry");
  await expect(page.getByTestId("search-result")).not.toHaveCount(0);
  await page.keyboard.press("Escape");

  // An answer edited in place, and a question edited and sent again (a new version beside it).
  await page.getByTestId("conversation-item").filter({ hasText: "Retry budget" }).click();
  await page.locator('[data-message-id="r2"]').hover();
  await page.locator('[data-message-id="r2"]').getByTestId("edit-answer-button").click();
  await page.getByTestId("edit-message-input").fill("Twice at most; a capybara-gateway error is not worth a retry.");
  await page.getByTestId("edit-message-save").click();
  await expect(page.locator('[data-message-id="r2"]')).toContainText("capybara-gateway");
  await page.locator('[data-message-id="r1"]').hover();
  await page.locator('[data-message-id="r1"]').getByTestId("edit-message-button").click();
  await page.getByTestId("edit-message-input").fill("How often should I retry a wombat-gateway error?");
  await page.getByTestId("edit-message-save").click();
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(page.locator('[data-message-id="r1"]')).toHaveCount(0);
  // A renamed conversation.
  await page.getByTestId("conversation-item").filter({ hasText: "Streaming behind NGINX" }).getByTestId("conversation-rename").click();
  await page.getByTestId("conversation-rename-input").fill("Proxy buffering (renamed)");
  await page.getByTestId("conversation-rename-input").press("Enter");

  await page.keyboard.press("Control+k");
  await search(page, "capybara-gateway");
  await expect(page.getByTestId("search-result")).toHaveCount(1);
  await expect(page.locator('[data-testid="search-result"][data-message-id="r2"]')).toBeVisible();
  await search(page, "wombat-gateway");
  // The new question, and the mock's answer that repeats it.
  await expect(page.getByTestId("search-group")).toHaveCount(1);
  await expect(page.locator('[data-testid="search-result"][data-kind="message"]').first()).toHaveAttribute("data-conv-id", "c-retry");
  // The question as it was is still there, as the other version.
  await search(page, "retry a 502");
  await expect(page.locator('[data-testid="search-result"][data-message-id="r1"]')).toContainText("other version");
  await search(page, "renamed");
  await expect(page.locator('[data-testid="search-result"][data-kind="title"][data-conv-id="c-old"]')).toBeVisible();
  await page.keyboard.press("Escape");

  // Moved to the trash: gone from the results.
  await page.getByTestId("conversation-item").filter({ hasText: "服务器部署问题" }).getByTestId("conversation-delete").click();
  await page.keyboard.press("Control+k");
  await search(page, "部署");
  await expect(page.getByTestId("search-empty")).toBeVisible();
});

test("on a phone: the search opens full screen from the drawer, in Chinese, and a result opens the chat", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chat = await seed(page);
  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await chat.closeSettings();
  await page.getByRole("button", { name: "展开侧栏" }).click();
  await page.getByTestId("search-button").click();
  const dialog = page.getByTestId("search-dialog");
  await expect(dialog).toBeVisible();
  expect((await dialog.boundingBox())!.width).toBe(390);
  await search(page, "端口映射");
  await expect(page.getByTestId("search-count")).toHaveText("1 个对话");
  expect(await highlights(page)).toEqual(["端口映射", "端口映射"]);
  await search(page, "不存在的词");
  await expect(page.getByTestId("search-empty")).toContainText("没有找到“不存在的词”");
  await search(page, "quokka");
  await page.getByTestId("search-result").click();
  await expect(page.locator('[data-search-target="true"] [data-message-id="l5"]')).toBeInViewport();
  await expect(page.getByTestId("search-button")).not.toBeInViewport();
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious in the search, with results and with none (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await seed(page);
    await page.keyboard.press("Control+k");
    await search(page, "nginx");
    await page.getByTestId("search-input").press("ArrowDown");
    expect.soft(await seriousViolations(page)).toEqual([]);
    await search(page, "nothing-like-this");
    await expect(page.getByTestId("search-empty")).toBeVisible();
    expect.soft(await seriousViolations(page)).toEqual([]);
  });
}
