import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";

const stack = useStack();
const fixture = (name: string) => path.resolve(__dirname, "..", "lib", "import", "fixtures", name);
const json = (name: string, data: unknown) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });

interface Shown {
  title: string;
  messages: string[];
}

/** Every conversation in the sidebar, top to bottom, with the messages its open thread shows. */
async function shownConversations(page: Page): Promise<Shown[]> {
  // A fresh profile opens on an empty chat; it is not part of what was imported.
  const items = page.getByTestId("conversation-item").filter({ hasNotText: /^New conversation/ });
  const out: Shown[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    await items.nth(i).click();
    await expect(page.getByTestId("message").first()).toBeVisible();
    const messages = await page.getByTestId("message").evaluateAll((els) =>
      els.map((el) => `${el.getAttribute("data-role")}: ${(el.querySelector('[data-testid="message-content"]') as HTMLElement | null)?.innerText.trim()}`),
    );
    out.push({ title: (await items.nth(i).innerText()).trim(), messages });
  }
  return out;
}

interface Exported {
  id: string;
  title: string;
  messages: { id: string; role: string; content: string; status: string; parentId?: string | null }[];
  ledger: { id: string; convId?: string }[];
  leafId?: string | null;
}

/**
 * A conversation as the user knows it. Parent links, the leaf and ledger convIds are left out:
 * a chat written before the tree landed has none, and import fills them in (as a chain).
 */
function comparable(list: Exported[]) {
  return list
    .filter((c) => c.messages.length > 0)
    .map(({ leafId: _l, messages, ledger, ...c }) => ({
      ...c,
      messages: messages.map(({ parentId: _p, ...m }) => m),
      ledger: ledger.map(({ convId: _c, ...l }) => l),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function exportFile(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-button").click()]);
  const path = (await download.path())!;
  return { path, data: JSON.parse(await readFile(path, "utf8")) };
}

test("round trip: export, then import into a fresh profile gives the same conversations", async ({ page, browser }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("first question");
  await chat.openSettings();
  await page.getByTestId("settings-temperature").fill("0.3");
  await page.getByTestId("settings-system-prompt").fill("Answer in one line.");
  await chat.closeSettings();
  await chat.ask("a follow-up");
  await page.getByTestId("new-chat-button").click();
  await chat.ask("second conversation");

  await chat.openSettings();
  const exported = await exportFile(page);
  await chat.closeSettings();
  expect(exported.data.conversations).toHaveLength(2);
  const before = await shownConversations(page);

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  const chat2 = new ChatPage(page2);
  await chat2.open(stack.app.url);
  await chat2.openSettings();
  await page2.getByTestId("import-file-input").setInputFiles(exported.path);
  const preview = page2.getByTestId("import-preview");
  await expect(preview).toHaveAttribute("data-format", "relaychat");
  await expect(page2.getByTestId("import-preview-counts")).toHaveText("2 conversations, 6 messages");
  await expect(page2.getByTestId("import-preview-new")).toHaveText("New conversations: 2");
  await page2.getByTestId("import-confirm").click();
  await expect(page2.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
  await expect(preview).toHaveCount(0);

  // The same file again: everything is already here, nothing to do.
  await page2.getByTestId("import-file-input").setInputFiles(exported.path);
  await expect(page2.getByTestId("import-preview-same")).toHaveText("Already here and unchanged: 2");
  await expect(page2.getByTestId("import-confirm")).toBeDisabled();
  await page2.getByTestId("import-cancel").click();
  await expect(preview).toHaveCount(0);

  // What the second profile exports is what the first did: ids, messages, roles, order, titles,
  // overrides and ledger lines.
  const again = await exportFile(page2);
  await chat2.closeSettings();
  expect(comparable(again.data.conversations)).toEqual(comparable(exported.data.conversations));
  const withOverrides = exported.data.conversations.find((c: { overrides: object }) => Object.keys(c.overrides).length);
  expect(withOverrides.overrides).toMatchObject({ temperature: 0.3, systemPrompt: "Answer in one line." });
  expect(exported.data.conversations.flatMap((c: { ledger: unknown[] }) => c.ledger)).toHaveLength(3);
  expect(await shownConversations(page2)).toEqual(before);
  await fresh.close();
});

test("a ChatGPT export is previewed, merged on confirm, and kept as a tree", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles(fixture("chatgpt-conversations.json"));
  await expect(page.getByTestId("import-preview")).toHaveAttribute("data-format", "chatgpt");
  await expect(page.getByTestId("import-preview")).toContainText("Import a ChatGPT data export");
  await expect(page.getByTestId("import-preview-counts")).toHaveText("2 conversations, 7 messages");
  await expect(page.getByTestId("import-preview-range")).toBeVisible();
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-result")).toHaveText("Imported: 2 new conversations, 0 merged.");
  await chat.closeSettings();

  await page.getByTestId("conversation-item").filter({ hasText: "Cat picture" }).click();
  await expect(chat.assistant()).toContainText("8 letters.");
  await expect(page.getByTestId("message").first()).toContainText("[image]\nWhat is in this picture?");

  // Stored as a tree: both answers to the first question, the shown leaf is current_node's.
  await chat.openSettings();
  const { data } = await exportFile(page);
  const cat = data.conversations.find((c: Exported) => c.id === "chatgpt:6655f0a0-1234-8000-9abc-def012345678") as Exported;
  const short = (id: string | null | undefined) => id && id.slice(0, 8);
  expect(cat.messages.map((m) => [short(m.id), short(m.parentId)])).toEqual([
    ["b8a9c0d1", null],
    ["c1d2e3f4", "b8a9c0d1"],
    ["d2e3f4a5", "b8a9c0d1"],
    ["e3f4a5b6", "d2e3f4a5"],
    ["b6c7d8e9", "e3f4a5b6"],
  ]);
  expect(cat.leafId).toBe("b6c7d8e9-9999-4a0b-9cbc-00000000000a");
});

test("a malformed file is refused whole, with what is wrong where, in the UI language", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const backup = JSON.parse(await readFile(fixture("nextchat-backup.json"), "utf8"));
  delete backup["chat-next-web-store"].sessions[1].messages[0].role;
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles(json("Backup-broken.json", backup));
  // Next.js keeps an empty role="alert" route announcer on every page.
  const alert = page.locator('[role="alert"][data-testid="import-result"]');
  await expect(alert).toHaveText(
    "Import refused, nothing was changed: This looks like a NextChat backup, but it is malformed at chat-next-web-store › session 2 › message 1 › role: is missing.",
  );
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await expect(alert).toContainText("看起来是 NextChat 备份，但 chat-next-web-store › 第 2 个会话 › 第 1 条消息 › role 有误：缺失");
  await page.getByTestId("import-file-input").setInputFiles(json("notes.json", { notes: ["hello"] }));
  await expect(alert).toContainText("无法识别此文件");
  await chat.closeSettings();
  await expect(page.getByTestId("conversation-item").filter({ hasText: "Packing list" })).toHaveCount(0);
});

test("imported text never runs script: HTML, javascript: links and data URLs stay inert", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const evil = [
    "<script>window.__pwned = 'script'</script>",
    '<img src="x" onerror="window.__pwned = \'img\'">',
    "[click me](javascript:window.__pwned='md-link')",
    "[also](JaVaScRiPt:alert('md-link-2'))",
    '<a href="javascript:window.__pwned=\'raw-link\'">raw link</a>',
    "![pic](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0id2luZG93Ll9fcHduZWQ9J3N2Zyci)",
    '<svg onload="window.__pwned=\'svg\'"></svg>',
    '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
    "$\\href{javascript:window.__pwned='katex'}{katex link}$",
    "end of answer",
  ].join("\n\n");
  const backup = {
    "chat-next-web-store": {
      sessions: [
        {
          id: "evil",
          topic: '<img src=x onerror="window.__pwned=\'title\'">Evil title',
          lastUpdate: 1716185191000,
          messages: [
            { id: "u", date: "2024/5/20 14:03:11", role: "user", content: '<img src=x onerror="window.__pwned=\'user\'"><script>alert(1)</script> hi' },
            { id: "a", date: "2024/5/20 14:03:15", role: "assistant", content: evil },
          ],
        },
      ],
    },
  };
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles(json("Backup-evil.json", backup));
  await page.getByTestId("import-confirm").click();
  await chat.closeSettings();
  const item = page.getByTestId("conversation-item").filter({ hasText: "Evil title" });
  await expect(item).toContainText('<img src=x onerror="window.__pwned=\'title\'">Evil title');
  await item.click();
  await expect(chat.assistant()).toContainText("end of answer");
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText("<script>alert(1)</script> hi");

  const found = await page.evaluate(() => {
    const messages = Array.from(document.querySelectorAll('[data-testid="message"]'));
    const inMessages = (sel: string) => messages.flatMap((m) => Array.from(m.querySelectorAll(sel)));
    return {
      pwned: (window as { __pwned?: unknown }).__pwned ?? null,
      scriptLinks: Array.from(document.querySelectorAll("a[href]")).filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.getAttribute("href")!)).length,
      dataImages: Array.from(document.querySelectorAll("img[src]")).filter((i) => /^\s*(data|javascript):/i.test(i.getAttribute("src")!)).length,
      injected: inMessages("script, iframe, svg[onload], img[onerror], [onerror], [onload]").length,
    };
  });
  expect(found).toEqual({ pwned: null, scriptLinks: 0, dataImages: 0, injected: 0 });
  // A link whose URL was dropped does nothing when clicked.
  expect([null, ""]).toContain(await chat.assistant().getByText("click me").getAttribute("href"));
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
});
