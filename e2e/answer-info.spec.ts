import { createServer } from "node:net";
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import type { MockUpstream } from "./mock-upstream.mjs";

// What each answer says about itself (issue 9, section 6), against the mock upstream.
const stack = useStack();

test("an answer from another model than the one asked names both, with its fingerprint and timings", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);

  const plain = await chat.ask("an ordinary question");
  const plainModel = plain.getByTestId("message-model");
  const asked = (await plainModel.getAttribute("data-asked"))!;
  expect(asked).not.toBe("");
  await expect(plainModel).toHaveText(asked);
  await expect(plainModel).toHaveAttribute("data-answered-by", asked);
  await expect(plain.getByTestId("finish-notice")).toHaveCount(0);

  const other = await chat.ask("mock:other-model who are you?");
  const model = other.getByTestId("message-model");
  await expect(model).toHaveText(`${asked}-2024-08-06 (asked: ${asked})`);
  await expect(model).toHaveAttribute("data-answered-by", `${asked}-2024-08-06`);
  await expect(model).toHaveAttribute("title", /system_fingerprint: fp_2024_mock/);

  const timing = other.getByTestId("message-timing");
  await expect(timing).toContainText(/first token .+ · total .+/);
  const ttft = Number(await timing.getAttribute("data-ttft-ms"));
  const duration = Number(await timing.getAttribute("data-duration-ms"));
  expect(ttft).toBeGreaterThanOrEqual(0);
  expect(duration).toBeGreaterThanOrEqual(ttft);

  // The name survives a reload (it is stored with the message).
  await page.reload();
  await expect(chat.assistant().getByTestId("message-model")).toHaveText(`${asked}-2024-08-06 (asked: ${asked})`);
});

test("content_filter, an empty answer and a tool call are explained in place, and stay done", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);

  const filtered = await chat.ask("mock:content-filter tell me");
  const notice = filtered.getByTestId("finish-notice");
  await expect(notice).toHaveAttribute("data-reason", "content_filter");
  await expect(notice).toContainText("safety filter stopped this answer");

  const empty = await chat.ask("mock:empty anything");
  await expect(empty.getByTestId("finish-notice")).toHaveAttribute("data-reason", "empty");
  await expect(empty.getByTestId("finish-notice")).toContainText("without any text");
  await expect(empty.getByTestId("error-hint")).toHaveCount(0);

  const tools = await chat.ask("mock:tool-calls weather in Paris?");
  await expect(tools.getByTestId("finish-notice")).toHaveAttribute("data-reason", "tool_calls");
  await expect(tools.getByTestId("finish-notice")).toContainText("does not run tools");

  await chat.openSettings();
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await chat.closeSettings();
  await expect(filtered.getByTestId("finish-notice")).toContainText("安全过滤器");
  await expect(empty.getByTestId("finish-notice")).toContainText("没有任何文字");
  await expect(tools.getByTestId("finish-notice")).toContainText("不会执行工具");
});

test("a one-api token quota and an account quota get different hints", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);

  const token = (await chat.ask("mock:error-401-oneapi-token-quota hi", "error")).getByTestId("error-hint");
  await expect(token).toHaveAttribute("data-code", "upstream_token_quota");
  await expect(token).toContainText("limit set on the key itself");
  await expect(token).toContainText("额度已用尽");

  const account = (await chat.ask("mock:error-403-oneapi-quota hi", "error")).getByTestId("error-hint");
  await expect(account).toHaveAttribute("data-code", "upstream_quota");
  await expect(account).toContainText("Top up");

  const expired = (await chat.ask("mock:error-401-oneapi-expired hi", "error")).getByTestId("error-hint");
  await expect(expired).toHaveAttribute("data-code", "upstream_key_expired");
});

/** A port nothing listens on: bound and released at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.describe("own key: CORS refusal, unreachable endpoint and offline are told apart", () => {
  let noCors: MockUpstream | undefined;
  test.beforeAll(async () => {
    const { startMockUpstream } = await import("./mock-upstream.mjs");
    noCors = await startMockUpstream({ cors: false });
  });
  test.afterAll(async () => noCors?.close());

  async function useOwnEndpoint(chat: ChatPage, url: string) {
    await chat.openSettings();
    const own = chat.page.getByTestId("settings-own-key");
    if (!(await own.isChecked())) await own.check();
    await chat.page.getByTestId("settings-own-base-url").fill(url);
    await chat.page.getByTestId("settings-own-api-key").fill("sk-my-own-key");
    await chat.closeSettings();
  }

  test("each failure gets its own code and hint", async ({ page, context }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);

    await useOwnEndpoint(chat, noCors!.url);
    const cors = (await chat.ask("hello over CORS", "error")).getByTestId("error-hint");
    await expect(cors).toHaveAttribute("data-code", "direct_cors");
    await expect(cors).toContainText("CORS");
    await expect(cors).not.toContainText("server could not connect");
    // The endpoint was there: the browser's preflight reached it, the chat request never did.
    expect(noCors!.requests.some((r) => r.method === "OPTIONS")).toBe(true);
    expect(noCors!.requests.some((r) => r.method === "POST")).toBe(false);

    await useOwnEndpoint(chat, `http://127.0.0.1:${await closedPort()}`);
    const refused = (await chat.ask("hello nowhere", "error")).getByTestId("error-hint");
    await expect(refused).toHaveAttribute("data-code", "direct_unreachable");
    await expect(refused).not.toContainText("server could not connect");

    // An endpoint that allows CORS, but no network at all.
    await useOwnEndpoint(chat, stack.mock.url);
    await context.setOffline(true);
    const offline = (await chat.ask("hello offline", "error")).getByTestId("error-hint");
    await expect(offline).toHaveAttribute("data-code", "offline");
    await context.setOffline(false);
    await chat.ask("hello again");

    await chat.openSettings();
    await page.getByTestId("settings-language").selectOption("zh-CN");
    await chat.closeSettings();
    await expect(cors).toContainText("不允许网页直接调用");
  });
});
