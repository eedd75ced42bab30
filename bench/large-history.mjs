// A large history: 10,000 messages (about 50 MB, half of it code blocks) in 50 conversations,
// the largest with 2,400 messages.
//
// Seeded through the app itself (a relaychat export file imported in Settings → Data, see
// importThroughApp in bench/lib.mjs), so the bench does not depend on the IndexedDB layout.
// Then, for each run, a new page navigates to the app and the first frame is stamped where
//   - the composer is usable (visible, enabled, hydrated by React),
//   - the sidebar lists every conversation,
//   - the largest conversation's last message is visible, and then rendered as markdown.
// Finally a reload, and a check that everything survived: the sidebar's message count of every
// conversation, and an export through the app compared with what was imported (ids, counts, text).
//
//   node bench/large-history.mjs [--runs 3] [--messages 10000] [--conversations 50] [--largest 2400] [--answer-chars 9000]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { largeHistory } from "./lib/history.mjs";
import { args, exportThroughApp, figure, importThroughApp, loadLine, median, report, round, waitComposer, withStack } from "./lib.mjs";

const a = args();
const runs = a.num("runs", 3);
const opts = { messages: a.num("messages", 10_000), conversations: a.num("conversations", 50), largest: a.num("largest", 2_400), answerChars: a.num("answer-chars", 9_000) };

/** In the page before any app script: stamps (performance.now()) the first frame each condition holds. */
function historyProbe({ lastId, expected }) {
  const s = (window.__history = { composer: undefined, sidebar: undefined, shown: undefined, markdown: undefined, longTasks: [] });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) s.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch {
    /* unsupported */
  }
  const check = () => {
    const now = performance.now();
    if (s.composer === undefined) {
      const el = document.querySelector('[data-testid="composer-input"]');
      const r = el?.getBoundingClientRect();
      if (el && !el.disabled && r.width > 0 && r.height > 0 && Object.keys(el).some((k) => k.startsWith("__reactProps$"))) s.composer = now;
    }
    if (s.sidebar === undefined && document.querySelectorAll('[data-testid="conversation-item"]').length >= expected) s.sidebar = now;
    if (s.shown === undefined || s.markdown === undefined) {
      const el = document.querySelector(`[data-message-id="${lastId}"]`);
      const r = el?.getBoundingClientRect();
      if (el && r.height > 0 && r.bottom > 0 && r.top < innerHeight) {
        s.shown ??= now;
        if (el.querySelector(".markdown")) s.markdown = now;
      }
    }
    if ([s.composer, s.sidebar, s.shown, s.markdown].includes(undefined)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Title → message count, as the sidebar shows them ("… 156 messages"). */
async function sidebarCounts(page) {
  return page.$$eval('[data-testid="conversation-item"]', (items) =>
    items.map((el) => {
      const lines = el.innerText.split("\n").map((l) => l.trim()).filter(Boolean);
      return { title: lines[0], count: Number((lines[1] ?? "").replace(/[^\d]/g, "")) };
    }),
  );
}

const t = Date.now();
const history = largeHistory(opts);
const json = JSON.stringify(history.file);
const dir = mkdtempSync(path.join(os.tmpdir(), "relaychat-bench-"));
const filePath = path.join(dir, "large-history.json");
writeFileSync(filePath, json);
const mb = Buffer.byteLength(json) / 2 ** 20;
console.log(
  `large-history: ${history.totalMessages} messages in ${opts.conversations} conversations (largest ${history.counts[history.largestId]}), ` +
    `${mb.toFixed(1)} MB as an export file (generated in ${Date.now() - t} ms); ${runs} run(s)`,
);
console.log(loadLine("load at start"));

try {
  await withStack(async ({ stack, browser }) => {
    const context = await browser.newContext({ acceptDownloads: true });
    let page = await context.newPage();
    await page.goto(stack.url);
    await waitComposer(page);
    const before = await page.locator('[data-testid="conversation-item"]').count();
    // Chromium compresses what IndexedDB stores: a quarter of the file is a safe floor for "written".
    const seeded = await importThroughApp(page, filePath, { minBytes: Buffer.byteLength(json) / 4 });
    console.log(`seeded through Settings → Data: import ${seeded.importMs} ms, written after ${seeded.savedMs} ms; storage usage ${(seeded.usage / 2 ** 20).toFixed(1)} MB`);
    // Open the largest conversation, so each navigation shows it.
    await page.locator('[data-testid="conversation-item"]', { hasText: history.largestTitle }).click();
    await page.waitForTimeout(1500);
    const expected = before + opts.conversations;

    const results = [];
    for (let i = 1; i <= runs; i++) {
      await page.close();
      page = await context.newPage();
      await page.addInitScript(historyProbe, { lastId: history.lastId, expected });
      await page.goto(stack.url);
      await page.waitForFunction(() => !Object.values(window.__history).includes(undefined), null, { timeout: 180_000, polling: 100 });
      const r = await page.evaluate(() => ({ ...window.__history, domNodes: document.getElementsByTagName("*").length }));
      results.push(r);
      const lt = r.longTasks;
      console.log(
        `run ${i}: navigation → composer usable ${round(r.composer)} ms, → sidebar lists ${expected} conversations ${round(r.sidebar)} ms, ` +
          `→ last of ${history.counts[history.largestId]} messages visible ${round(r.shown)} ms (markdown ${round(r.markdown)} ms); ` +
          `${lt.length} long tasks (${round(lt.reduce((n, x) => n + x, 0))} ms, max ${round(Math.max(0, ...lt))} ms); ${r.domNodes} DOM nodes; ${loadLine("load")}`,
      );
    }

    // Survival: a reload, then what the app shows and what it exports.
    await page.reload();
    await waitComposer(page, 180_000);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="conversation-item"]').length >= n, expected, { timeout: 180_000 });
    const shown = await sidebarCounts(page);
    const byTitle = new Map(shown.map((x) => [x.title, x.count]));
    const sidebarOk = history.file.conversations.every((c) => byTitle.get(c.title) === c.messages.length);
    const exported = await exportThroughApp(page);
    const mine = exported.conversations.filter((c) => c.id in history.counts);
    const exportedMessages = mine.reduce((n, c) => n + c.messages.length, 0);
    const exportedChars = mine.reduce((n, c) => n + c.messages.reduce((m, x) => m + x.content.length, 0), 0);
    const countsOk = mine.length === opts.conversations && mine.every((c) => c.messages.length === history.counts[c.id]);
    const survived = sidebarOk && countsOk && exportedChars === history.totalChars;
    console.log(
      `after a reload: sidebar counts ${sidebarOk ? "match" : "DIFFER"}; export has ${mine.length}/${opts.conversations} conversations, ` +
        `${exportedMessages}/${history.totalMessages} messages, ${exportedChars === history.totalChars ? "the same" : "DIFFERENT"} text (${exportedChars} characters): ` +
        `${survived ? "everything survived" : "NOT everything survived"}`,
    );
    await context.close();

    report(
      "large-history",
      [
        figure(`navigation → usable composer (${history.totalMessages} messages, ${round(mb)} MB stored)`, median(results.map((r) => r.composer)), "ms", null),
        figure(`navigation → sidebar lists all ${expected} conversations`, median(results.map((r) => r.sidebar)), "ms", null),
        figure(`navigation → last of ${history.counts[history.largestId]} messages visible`, median(results.map((r) => r.shown)), "ms", null),
        figure("navigation → that message rendered (markdown)", median(results.map((r) => r.markdown)), "ms", null),
        figure("long-task time until then", median(results.map((r) => r.longTasks.reduce((n, x) => n + x, 0))), "ms", null),
        figure("import of the export file through Settings → Data (seeding, once)", seeded.importMs, "ms", null),
        figure("import → written to storage (seeding, once)", seeded.savedMs, "ms", null),
        figure("everything survived a reload (1 = yes)", survived ? 1 : 0, "", 1, "higher"),
      ],
      { runs, messages: history.totalMessages, megabytes: round(mb), survived },
    );
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
