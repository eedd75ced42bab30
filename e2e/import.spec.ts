import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { useStack } from "./fixtures";

const stack = useStack();
const fixture = (name: string) => new URL(`../lib/import/fixtures/${name}`, import.meta.url).pathname;
const json = (name: string, data: unknown) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });

interface Shown {
  title: string;
  messages: string[];
}

/** Every conversation in the sidebar, top to bottom, with the messages its open thread shows. */
async function shownConversations(page: Page): Promise<Shown[]> {
  const items = page.getByTestId("conversation-item");
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
  await expect(page2.getByTestId("import-preview-new")).toHaveText("New: 2");
  await page2.getByTestId("import-confirm").click();
  await expect(page2.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
  await expect(preview).toHaveCount(0);

  // The same file again: everything is already here, nothing to do.
  await page2.getByTestId("import-file-input").setInputFiles(exported.path);
  await expect(page2.getByTestId("import-preview-same")).toHaveText("Already here, unchanged: 2");
  await expect(page2.getByTestId("import-confirm")).toBeDisabled();
  await page2.getByTestId("import-cancel").click();
  await expect(preview).toHaveCount(0);

  // What the second profile exports is what the first did: ids, messages, roles, order, titles,
  // overrides and ledger lines.
  const again = await exportFile(page2);
  await chat2.closeSettings();
  const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  expect(byId(again.data.conversations)).toEqual(byId(exported.data.conversations));
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
  // The branch shown is current_node's: the regenerated answer, then the follow-up.
  await expect(page.locator('[data-testid="message"] [data-testid="message-content"]')).toHaveText([
    "[image]\nWhat is in this picture?",
    "A grey cat sitting on a laptop keyboard.",
    "Count the letters in 'keyboard', then write a haiku about it.",
    /^8 letters\./,
  ]);
});

test("a malformed file is refused whole, with what is wrong where, in the UI language", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  const backup = JSON.parse(await readFile(fixture("nextchat-backup.json"), "utf8"));
  delete backup["chat-next-web-store"].sessions[1].messages[0].role;
  await chat.openSettings();
  await page.getByTestId("import-file-input").setInputFiles(json("Backup-broken.json", backup));
  const alert = page.getByRole("alert");
  await expect(alert).toHaveText(
    "Import refused, nothing was changed: This looks like a NextChat backup, but it is malformed at chat-next-web-store › session 2 › message 1 › role: is missing.",
  );
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await expect(alert).toContainText("看起来是 NextChat 备份，但 chat-next-web-store › 第 2 个会话 › 第 1 条消息 › role 有误：缺失");
  await page.getByTestId("import-file-input").setInputFiles(json("notes.json", { notes: ["hello"] }));
  await expect(alert).toContainText("无法识别此文件");
  await chat.closeSettings();
  await expect(page.getByTestId("conversation-item")).toHaveCount(0);
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
  const item = page.getByTestId("conversation-item").first();
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
