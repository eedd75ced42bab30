// Screenshot script (not committed): mock upstream + standalone server + chromium.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { chromium } from "playwright";
const root = process.cwd();
const { startMockUpstream } = await import(path.join(root, "e2e/mock-upstream.mjs"));
const args = JSON.parse(await (await import("node:fs/promises")).readFile(path.join(root, "e2e/chromium-args.json"), "utf8"));
const mock = await startMockUpstream({});
const port = await new Promise((r) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => r(p)); }); });
const child = spawn(process.execPath, ["fast-server.js"], { cwd: path.join(root, ".next/standalone"), env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", BASE_URL: mock.url, OPENAI_API_KEY: "sk-x", CUSTOM_MODELS: process.env.SHOT_MODELS ?? "" } });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 200; i++) { try { if ((await fetch(url + "/api/health")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 150)); }
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
const out = "/tmp/prompts-shots";
try {
  for (const lang of ["en", "zh-CN"]) for (const scheme of ["light", "dark"]) for (const phone of [false, true]) {
    const ctx = await browser.newContext({ locale: lang, colorScheme: scheme, viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 800 }, isMobile: phone, hasTouch: phone });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByTestId("composer-input").waitFor();
    if (phone) await page.locator("header button").first().click();
    await page.getByTestId("prompt-library-button").click();
    await page.getByTestId("prompt-library-dialog").waitFor();
    const tag = `${lang}-${scheme}${phone ? "-phone" : ""}`;
    await page.getByTestId("prompt-import-file").setInputFiles(path.join(root, "lib/import/fixtures/nextchat-masks.json"));
    await page.getByTestId("import-preview").waitFor();
    await page.screenshot({ path: `${out}/${tag}-preview.png` });
    await page.getByTestId("import-confirm").click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${tag}-list.png` });
    await page.getByTestId("prompt-new").click();
    await page.getByTestId("prompt-set-temperature").check();
    await page.getByTestId("prompt-starter-add").click();
    await page.getByTestId("prompt-save").click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${tag}-editor.png`, fullPage: false });
    await page.getByTestId("prompt-cancel").click();
    await page.locator('[data-prompt-id="nextchat-mask:m7Gk2pQ9xLw4ZtB1vNc8R"] [data-testid="prompt-use"]').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/${tag}-chat.png` });
    await ctx.close();
  }
} finally {
  await browser.close();
  child.kill("SIGTERM");
  await mock.close();
}
