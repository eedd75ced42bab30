// Image input (issue 9 §3): attach, paste or drop images; they are resized in the browser, stored in
// IndexedDB apart from the messages, sent as image_url content parts, kept within the request's
// byte budget, and carried by export and import. The mock upstream records every request body.
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { startAppServer, type AppServer } from "./app-server";
import { startNginx, type NginxServer } from "./nginx";
import type { MockUpstream } from "./mock-upstream.mjs";
import { attach, chatRequests, deliver, imageSize, makePng, pendingReady, sentImages } from "./image-helpers";

test.describe("image input", () => {
  const stack = useStack({ DEFAULT_MODEL: "gpt-4o-mini" });

  test("an attached photo is resized to 2,048 px, shown as a thumbnail, sent as an image_url part, kept over a reload, and rides along on the next turn", async ({ page }) => {
    // Several sends of a 2,048-px image and a reload: give a busy machine time (no timing is asserted).
    test.slow();
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await expect(chat.composer).toBeVisible();
    const photo = await makePng(page, 3000, 2000, "gradient");
    await attach(page, "holiday.png", photo);
    await pendingReady(page, 1);
    await expect(page.getByTestId("preview-images")).toHaveAttribute("data-question", "1");
    // 2048×1365 by the tile formula: shortest side to 768 → 1152×768 → 3×2 tiles → 85 + 6×170.
    await expect(page.getByTestId("preview-images")).toHaveAttribute("data-image-tokens", "1105");
    await expect(page.getByTestId("vision-warning")).toHaveCount(0);

    await chat.ask("What is in this picture?");
    const question = page.locator('[data-testid="message"][data-role="user"]').last();
    await expect(question.getByTestId("message-image")).toHaveAttribute("data-state", "shown");
    await expect(page.getByTestId("pending-image")).toHaveCount(0);

    const first = chatRequests(stack.mock).at(-1)!;
    // The answer shows the prompt tokens the upstream reported (the mock bills 255 per image), not the estimate.
    await expect(chat.assistant().getByTestId("message-usage")).toHaveAttribute("data-prompt-tokens", String(first.usage!.prompt_tokens));
    expect(first.usage!.prompt_tokens).toBeGreaterThan(255);
    const user = first.body.messages.at(-1);
    expect(user.content[0]).toEqual({ type: "text", text: "What is in this picture?" });
    const [sent] = sentImages(first.body);
    expect(sent.mime).toBe("image/jpeg");
    expect(imageSize(sent.bytes)).toEqual({ type: "image/jpeg", width: 2048, height: 1365 });

    // Click to enlarge: a dialog, closed by Escape, focus back on the thumbnail.
    await question.getByTestId("message-image").click();
    const viewer = page.getByRole("dialog", { name: "Image 1 of 1" });
    await expect(viewer).toBeVisible();
    await expect(viewer.locator("img")).toHaveJSProperty("naturalWidth", 2048);
    await expect(page.getByTestId("image-viewer-close")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(viewer).toHaveCount(0);
    await expect(question.getByTestId("message-image")).toBeFocused();

    // A reload reads the blob back from IndexedDB.
    await page.reload();
    const reloaded = page.locator('[data-testid="message"][data-role="user"]').last().getByTestId("message-image");
    await expect(reloaded).toHaveAttribute("data-state", "shown");
    await expect(reloaded.locator("img")).toHaveJSProperty("naturalWidth", 2048);

    // The next question: the earlier image rides along while the history count reaches it.
    await chat.composer.fill("And what colour is it?");
    await expect(page.getByTestId("preview-images")).toHaveAttribute("data-history", "1");
    await chat.ask("And what colour is it?");
    const second = chatRequests(stack.mock).at(-1)!;
    expect(second.body.messages.at(-1).content).toBe("And what colour is it?");
    const carried = sentImages(second.body);
    expect(carried).toHaveLength(1);
    expect(carried[0].bytes.equals(sent.bytes)).toBe(true);
    expect(second.body.messages[carried[0].messageIndex].role).toBe("user");

    // With the history count at 1, it no longer does.
    await chat.openSettings();
    await page.getByTestId("settings-history-count").fill("1");
    await chat.closeSettings();
    await chat.composer.fill("Only this");
    await expect(page.getByTestId("preview-images")).toHaveCount(0);
  });

  test("paste and drop attach images, a transparent one stays PNG, bad files are refused with a reason, and a pending image can be removed", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await expect(chat.composer).toBeVisible();
    const logo = (await makePng(page, 400, 300, "transparent")).toString("base64");
    await deliver(page, "paste", [{ name: "logo.png", type: "image/png", base64: logo }]);
    await pendingReady(page, 1);
    await deliver(page, "drop", [
      { name: "notes.png", type: "image/png", base64: Buffer.from("just some text, not a picture").toString("base64") },
      { name: "broken.png", type: "image/png", base64: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]).toString("base64") },
      { name: "second.png", type: "image/png", base64: logo },
    ]);
    const refused = page.getByTestId("attach-error");
    await expect(refused.locator('[data-reason="unsupported"]')).toContainText("“notes.png” is not an image this chat can send");
    await expect(refused.locator('[data-reason="undecodable"]')).toContainText("“broken.png” could not be read as an image");
    await pendingReady(page, 2);
    await page.getByTestId("remove-pending-image").last().click();
    await pendingReady(page, 1);

    // The same refusal in Chinese.
    await chat.openSettings();
    await page.getByTestId("settings-language").selectOption("zh-CN");
    await chat.closeSettings();
    await expect(refused.locator('[data-reason="unsupported"]')).toContainText("“notes.png”不是本聊天能发送的图片");

    // Only images: the question may be images alone.
    await page.getByTestId("send-button").click();
    await expect(chat.assistant()).toHaveAttribute("data-status", "done");
    const [sent, ...more] = sentImages(chatRequests(stack.mock).at(-1)!.body);
    expect(more).toHaveLength(0);
    expect(imageSize(sent.bytes)).toEqual({ type: "image/png", width: 400, height: 300 });
    expect(chatRequests(stack.mock).at(-1)!.body.messages.at(-1).content).toHaveLength(1);
  });

  test("a model not flagged for vision gets a warning, not a block", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await chat.openSettings();
    await page.getByTestId("settings-model").fill("deepseek-chat");
    await chat.closeSettings();
    await attach(page, "chart.png", await makePng(page, 800, 600, "gradient"));
    await pendingReady(page, 1);
    await expect(page.getByTestId("vision-warning")).toContainText("deepseek-chat is not marked as able to see images");
    await expect(page.getByTestId("send-button")).toBeEnabled();
    await chat.ask("Can you read this chart?");
    const request = chatRequests(stack.mock).at(-1)!;
    expect(request.body.model).toBe("deepseek-chat");
    expect(sentImages(request.body)).toHaveLength(1);
  });

  test("a 413 from the upstream names the relay's limit", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await attach(page, "scan.png", await makePng(page, 1200, 900, "gradient"));
    await pendingReady(page, 1);
    const answer = await chat.ask("mock:error-413-html please read this scan", "error");
    const hint = answer.getByTestId("error-hint");
    await expect(hint).toHaveAttribute("data-code", "payload_too_large");
    await expect(hint).toContainText("Too large for the relay or provider");
    await expect(hint).toContainText("not this site's");
    await expect(answer.getByTestId("error-size")).toContainText("This request:");
  });

  test("export, then import into a fresh profile, keeps the image", async ({ page, browser }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    const photo = await makePng(page, 640, 480, "gradient");
    await attach(page, "exported.png", photo);
    await pendingReady(page, 1);
    await chat.ask("Keep this picture");
    await chat.openSettings();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-button").click()]);
    const path = (await download.path())!;
    const file = JSON.parse(await readFile(path, "utf8")) as { images: Array<{ id: string; mime: string; data: string }>; conversations: Array<{ messages: Array<{ images?: Array<{ id: string }> }> }> };
    const named = file.conversations.flatMap((c) => c.messages.flatMap((m) => m.images ?? []));
    expect(file.images.map((i) => i.id)).toEqual(named.map((r) => r.id));
    expect(imageSize(Buffer.from(file.images[0].data, "base64"))).toMatchObject({ width: 640, height: 480 });

    const fresh = await browser.newContext();
    try {
      const page2 = await fresh.newPage();
      const chat2 = new ChatPage(page2);
      await chat2.open(stack.app.url);
      await chat2.openSettings();
      await page2.getByTestId("import-file-input").setInputFiles(path);
      await page2.getByTestId("import-confirm").click();
      await expect(page2.getByTestId("import-result")).toHaveAttribute("data-ok", "true");
      await chat2.closeSettings();
      await page2.getByTestId("conversation-item").filter({ hasText: "Keep this picture" }).click();
      const thumb = page2.getByTestId("message-image");
      await expect(thumb).toHaveAttribute("data-state", "shown");
      await expect(thumb.locator("img")).toHaveJSProperty("naturalWidth", 640);
      // Stored in the new profile's IndexedDB: still there after a reload.
      await page2.reload();
      await expect(page2.getByTestId("message-image")).toHaveAttribute("data-state", "shown");
    } finally {
      await fresh.close();
    }
  });
});

test.describe("MAX_REQUEST_MB=1: the composer keeps the request within the server's limit", () => {
  const stack = useStack({ DEFAULT_MODEL: "gpt-4o-mini", MAX_REQUEST_MB: "1" });

  test("a large photo is shrunk until the request fits, and the preview says how large it is", async ({ page }) => {
    // Noise images take a while to draw and encode on a busy machine: more time, no timing asserted.
    test.slow();
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await expect(chat.composer).toBeVisible();
    // Noise does not compress: as a 2,048-px JPEG it is well over 1 MB.
    await deliver(page, "drop", [{ name: "noise.png", type: "image/png", base64: (await makePng(page, 2400, 1800, "noise")).toString("base64") }]);
    await pendingReady(page, 1);
    await expect(page.getByTestId("pending-image")).toHaveAttribute("data-fits", "true");
    await expect(page.getByTestId("preview-images")).toContainText("of 1 MB");
    await chat.ask("What is this noise?");
    const request = chatRequests(stack.mock).at(-1)!;
    expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThanOrEqual(1024 * 1024);
    const [sent] = sentImages(request.body);
    expect(Math.max(imageSize(sent.bytes).width, imageSize(sent.bytes).height)).toBeLessThan(2048);
  });

  test("a request over the server's own limit (a page told a larger one) gets a 413 naming MAX_REQUEST_MB", async ({ page }) => {
    // Noise images take a while to draw and encode on a busy machine: more time, no timing asserted.
    test.slow();
    // As if the server had been reconfigured after the page loaded: the page believes 8 MB.
    await page.route("**/api/config", async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), maxRequestBytes: 8 * 1024 * 1024 } });
    });
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await expect(chat.composer).toBeVisible();
    await attach(page, "noise.png", await makePng(page, 2048, 2048, "noise"));
    await pendingReady(page, 1);
    const answer = await chat.ask("Describe it", "error");
    const hint = answer.getByTestId("error-hint");
    await expect(hint).toHaveAttribute("data-code", "server_body_limit");
    await expect(hint).toContainText("MAX_REQUEST_MB");
    await expect(answer.getByTestId("error-size")).toContainText("The limit that refused it: 1 MB");
    expect(chatRequests(stack.mock)).toHaveLength(0);
  });
});

test.describe("behind nginx", () => {
  let mock: MockUpstream;
  let app: AppServer;
  const nginxes: NginxServer[] = [];
  test.beforeAll(async () => {
    const { startMockUpstream } = await import("./mock-upstream.mjs");
    mock = await startMockUpstream({});
    app = await startAppServer({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", TRUST_PROXY: "1", DEFAULT_MODEL: "gpt-4o-mini" });
  });
  test.afterAll(async () => {
    for (const n of nginxes) await n.stop();
    await app?.stop();
    await mock?.close();
  });
  test.beforeEach(() => mock.reset());

  test("deploy/nginx.conf lets through the largest request the composer may send (16 MiB)", async () => {
    const nginx = await startNginx(app.port);
    nginxes.push(nginx);
    const config = (await (await fetch(`${nginx.url}/api/config`)).json()) as { maxRequestBytes: number };
    expect(config.maxRequestBytes).toBe(16 * 1024 * 1024);
    const envelope = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "" }] });
    const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(config.maxRequestBytes - envelope.length) }] });
    expect(Buffer.byteLength(body)).toBe(config.maxRequestBytes);
    const res = await fetch(`${nginx.url}/api/openai/v1/chat/completions`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect(res.status).toBe(200);
    expect(chatRequests(mock)).toHaveLength(1);
  });

  test("an nginx left at client_max_body_size 1m: its HTML 413 is explained as that setting", async ({ page }) => {
    // Noise images take a while to draw and encode on a busy machine: more time, no timing asserted.
    test.slow();
    const nginx = await startNginx(app.port, { clientMaxBodySize: "1m" });
    nginxes.push(nginx);
    const chat = new ChatPage(page);
    await chat.open(nginx.url);
    await expect(chat.composer).toBeVisible();
    await attach(page, "noise.png", await makePng(page, 2048, 2048, "noise"));
    await pendingReady(page, 1);
    const answer = await chat.ask("Through nginx", "error");
    const hint = answer.getByTestId("error-hint");
    await expect(hint).toHaveAttribute("data-code", "gateway_body_limit");
    await expect(hint).toContainText("client_max_body_size");
    await expect(answer.getByTestId("error-size")).toContainText("This server accepts 16 MB");
    expect(chatRequests(mock)).toHaveLength(0);
  });
});

test.describe("next: the route handler passes an image request through", () => {
  let mock: MockUpstream;
  let app: AppServer;
  test.beforeAll(async () => {
    const { startMockUpstream } = await import("./mock-upstream.mjs");
    mock = await startMockUpstream({});
    // The largest MAX_REQUEST_MB: the route handler must get bodies up to 32 MiB whole.
    app = await startAppServer({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", DEFAULT_MODEL: "gpt-4o-mini", MAX_REQUEST_MB: "32" }, { mode: "next" });
  });
  test.afterAll(async () => {
    await app?.stop();
    await mock?.close();
  });

  test("several megabytes of images reach the upstream intact", async ({ page }) => {
    // Noise images take a while to draw and encode on a busy machine: more time, no timing asserted.
    test.slow();
    const chat = new ChatPage(page);
    await chat.open(app.url);
    await expect(chat.composer).toBeVisible();
    const noise = await makePng(page, 2048, 1536, "noise");
    // As files on disk: Playwright passes at most 50 MB of buffers at once.
    const paths = ["a", "b", "c", "d", "e"].map((n) => test.info().outputPath(`${n}.png`));
    for (const p of paths) await writeFile(p, noise);
    await page.getByTestId("attach-image").setInputFiles(paths);
    await pendingReady(page, 5);
    await chat.send("Five noisy pictures");
    // Over 10 MB goes through the browser, Next and the mock: a state to wait for, however long it takes here.
    await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 120_000 });
    const request = chatRequests(mock).at(-1)!;
    const images = sentImages(request.body);
    expect(images).toHaveLength(5);
    // More than Next's default 10 MB body buffer: proxyClientMaxBodySize lets it through whole.
    expect(Buffer.byteLength(JSON.stringify(request.body))).toBeGreaterThan(10 * 1024 * 1024);
    for (const img of images) expect(imageSize(img.bytes)).toMatchObject({ width: 2048, height: 1536 });
  });
});
