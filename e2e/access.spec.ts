import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack({ CODE: "open-sesame,second-code", ACCESS_MAX_FAILURES: "3", ACCESS_WINDOW_MS: "600000" });

test("the page asks for the code, refuses a wrong one and lets the right one in", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await expect(page.getByTestId("access-code-input")).toBeVisible();
  await expect(chat.composer).toHaveCount(0);

  await chat.enterCode("wrong-code");
  await expect(page.getByTestId("access-code-error")).toBeVisible();
  await expect(chat.composer).toHaveCount(0);

  await chat.enterCode("second-code");
  await expect(chat.composer).toBeVisible();
  await chat.ask("hello behind a code");
  const sent = stack.chatRequests().at(-1)!;
  expect(sent.headers["x-access-code"]).toBeUndefined();
  expect(sent.headers.authorization).toBe("Bearer sk-test-upstream-key");

  // The code is remembered: a reload goes straight to the chat.
  await page.reload();
  await expect(chat.composer).toBeVisible();
  await expect(page.getByTestId("access-code-input")).toHaveCount(0);
});

test("with a code, the page's HTML holds no chat shell: it waits for the config", async ({ request }) => {
  const html = await (await request.get(`${stack.app.url}/`, { headers: { "Accept-Language": "en-US" } })).text();
  expect(html).not.toMatch(/<textarea[^>]*data-testid="composer-input"/);
  expect(html).not.toContain('data-testid="new-chat-button"');
  // Nor at the shells' own addresses.
  for (const path of ["/start/en", "/start/zh-CN"]) {
    const direct = await (await request.get(`${stack.app.url}${path}`)).text();
    expect(direct, path).not.toMatch(/<textarea[^>]*data-testid="composer-input"/);
  }
});

test("repeated wrong codes lock the address out, even for the right code", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  // ACCESS_MAX_FAILURES=3: three wrong codes in a row are enough (the test above may have spent one).
  for (let i = 0; i < 3; i++) {
    await chat.enterCode(`bad-${i}`);
    await expect(page.getByTestId("access-code-error")).toBeVisible();
  }
  await chat.enterCode("open-sesame");
  await expect(page.getByTestId("access-code-error")).toContainText(/Try again in \d+ s|秒后再试/);
  await expect(chat.composer).toHaveCount(0);
  const res = await page.request.post(`${stack.app.url}/api/access`, { headers: { "x-access-code": "open-sesame" }, data: {} });
  expect(res.status()).toBe(429);
  expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
});
