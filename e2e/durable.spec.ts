import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import chromiumArgs from "./chromium-args.json";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";

const stack = useStack();

const userMessages = (page: Page) => page.locator('[data-testid="message"][data-role="user"] [data-testid="message-content"]');

test("a reload right after an answer is done keeps it done, with its usage (three tries)", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("first question");
  for (let i = 0; i < 3; i++) {
    const answer = await chat.ask(`question ${i}`);
    const text = (await answer.getByTestId("message-content").textContent()) ?? "";
    await page.reload();
    const back = chat.assistant();
    await expect(chat.messages).toHaveCount(4 + 2 * i);
    await expect(back).toHaveAttribute("data-status", "done");
    await expect(back.getByTestId("message-content")).toHaveText(text);
    await expect(back.getByTestId("message-usage")).toHaveAttribute("data-estimated", "false");
  }
});

test("a reload mid-stream keeps at least the text that was on screen, and bills the cut call", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("mock:slow-400 a long answer");
  const content = chat.assistant().getByTestId("message-content");
  await expect.poll(async () => ((await content.textContent()) ?? "").length, { timeout: 20_000 }).toBeGreaterThan(300);
  const shown = (await content.textContent()) ?? "";
  await page.reload();
  const cut = chat.assistant();
  await expect(cut).toHaveAttribute("data-status", "interrupted");
  // Compare rendered with rendered: wait for the markdown (its code block's Copy button) to replace
  // the plain text shown while the renderer loads.
  await expect(cut.getByTestId("message-content").getByText(/Copy code|复制代码/).first()).toBeVisible();
  const kept = (await cut.getByTestId("message-content").textContent()) ?? "";
  expect(kept.length).toBeGreaterThanOrEqual(shown.length);
  // A finished block renders a little differently from the one being written (a code block gains
  // its Copy button, a half-written **bold** its emphasis): compare the text, not the trimmings.
  const text = (s: string) => s.replace(/Copy code|复制代码|[\s*`_]/g, "");
  expect(text(kept).startsWith(text(shown).slice(0, -20))).toBe(true);
  // What had arrived was billed by the relay too: the call stays in the ledger, marked interrupted.
  await page.getByTestId("ledger-button").click();
  const lines = page.getByTestId("ledger-entry");
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toHaveAttribute("data-status", "interrupted");
  await expect(lines.first()).toHaveAttribute("data-estimated", "true");
});

test("closing the page right after an answer ends and opening a new one in the same profile keeps it", async () => {
  const profile = mkdtempSync(path.join(tmpdir(), "relaychat-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: chromiumArgs,
  });
  try {
    const first = new ChatPage(await context.newPage());
    await first.open(stack.app.url);
    const answer = await first.ask("keep this after closing");
    const text = (await answer.getByTestId("message-content").textContent()) ?? "";
    await first.page.close();
    const second = new ChatPage(await context.newPage());
    await second.open(stack.app.url);
    await expect(userMessages(second.page)).toHaveText(["keep this after closing"]);
    await expect(second.assistant()).toHaveAttribute("data-status", "done");
    await expect(second.assistant().getByTestId("message-content")).toHaveText(text);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("two tabs on one conversation keep each other's messages", async ({ page, context }) => {
  const a = new ChatPage(page);
  await a.open(stack.app.url);
  await a.ask("from tab A");
  const b = new ChatPage(await context.newPage());
  await b.open(stack.app.url);
  await expect(userMessages(b.page)).toHaveText(["from tab A"]);
  await a.ask("again from tab A");
  // Tab B is told what tab A saved and shows it without a reload.
  await expect(userMessages(b.page)).toHaveText(["from tab A", "again from tab A"]);
  await b.ask("from tab B");
  await expect(userMessages(page)).toHaveText(["from tab A", "again from tab A", "from tab B"]);
  await page.reload();
  await expect(userMessages(page)).toHaveText(["from tab A", "again from tab A", "from tab B"]);
  await expect(a.messages).toHaveCount(6);
});

test("a deleted conversation can be undone at once, or restored from the trash after a reload", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("do not lose me");
  const item = page.getByTestId("conversation-item");
  await item.first().hover();
  await page.getByTestId("conversation-delete").first().click();
  await expect(item).toHaveCount(0);
  await page.getByTestId("undo-delete").click();
  await expect(item).toHaveCount(1);
  await expect(userMessages(page)).toHaveText(["do not lose me"]);

  await item.first().hover();
  await page.getByTestId("conversation-delete").first().click();
  await expect(item).toHaveCount(0);
  await page.reload();
  await expect(item.filter({ hasText: "do not lose me" })).toHaveCount(0);
  await chat.openSettings();
  await expect(page.getByTestId("trash-item")).toHaveCount(1);
  await page.getByTestId("trash-restore").click();
  await chat.closeSettings();
  // (An empty new chat may sit beside it: the app opens one when nothing else is left.)
  await expect(item.filter({ hasText: "do not lose me" })).toHaveCount(1);
  await page.reload();
  await item.filter({ hasText: "do not lose me" }).click();
  await expect(userMessages(page)).toHaveText(["do not lose me"]);
  await expect(chat.assistant()).toHaveAttribute("data-status", "done");
});

test("data written by a newer version opens read-only and is never overwritten", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("written by this version");
  // A newer app upgrades the database in another tab: this one steps aside.
  const version = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("relaychat", 99);
        open.onupgradeneeded = () => open.result.createObjectStore("future");
        open.onsuccess = () => {
          open.result.close();
          resolve(open.result.version);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  expect(version).toBe(99);
  await page.reload();
  await expect(userMessages(page)).toHaveText(["written by this version"]);
  await expect(page.getByTestId("notice").filter({ hasText: /newer version|更新版本/ })).toBeVisible();
  await chat.ask("not saved");
  await page.reload();
  await expect(userMessages(page)).toHaveText(["written by this version"]);
  const after = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("relaychat");
        open.onsuccess = () => {
          open.result.close();
          resolve(open.result.version);
        };
      }),
  );
  expect(after).toBe(99);
});
