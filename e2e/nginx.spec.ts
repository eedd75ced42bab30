import { expect, test } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { startStack, type Stack } from "./stack";
import { startNginx, type NginxServer } from "./nginx";

let stack: Stack;
let nginx: NginxServer;
test.beforeAll(async () => {
  stack = await startStack({ TRUST_PROXY: "1" });
  nginx = await startNginx(stack.app.port);
});
test.afterAll(async () => {
  await nginx?.stop();
  await stack?.stop();
});

test("through nginx with deploy/nginx.conf, stream chunks arrive spaced out in time", async () => {
  stack.mock.reset();
  const res = await fetch(`${nginx.url}/api/openai/v1/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "mock:slow through nginx" }] }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.getReader();
  const arrivals: number[] = [];
  let text = "";
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    arrivals.push(performance.now());
    text += decoder.decode(value, { stream: true });
  }
  expect(text).toContain("data: [DONE]");
  // A buffering proxy delivers everything in one or two reads at the end.
  expect(arrivals.length).toBeGreaterThan(20);
  const spread = arrivals.at(-1)! - arrivals[0];
  expect(spread).toBeGreaterThan(1000);
  const firstHalf = arrivals.filter((t) => t - arrivals[0] < spread / 2).length;
  expect(firstHalf).toBeGreaterThan(5);
});

test("through nginx the page's own origin passes the request guard, another site's does not", async () => {
  stack.mock.reset();
  const post = (headers: Record<string, string>) =>
    fetch(`${nginx.url}/api/openai/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }) });
  // deploy/nginx.conf passes the Host the browser used (port included) as Host and X-Forwarded-Host.
  expect((await post({ "Content-Type": "application/json", Origin: nginx.url, "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
  const foreign = await post({ "Content-Type": "application/json", Origin: "https://evil.example" });
  expect([foreign.status, (await foreign.json()).error.code]).toEqual([403, "forbidden_origin"]);
  // The app's own port (what nginx connects to) is not the page's origin either.
  expect((await post({ "Content-Type": "application/json", Origin: stack.app.url })).status).toBe(403);
  expect((await post({ "Content-Type": "text/plain", Origin: nginx.url })).status).toBe(415);
  expect(stack.mock.requests).toHaveLength(1);
  const page = await fetch(nginx.url);
  expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(page.headers.get("x-content-type-options")).toBe("nosniff");
});

test("the chat works in a browser through nginx", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(nginx.url);
  await chat.send("mock:slow hello via nginx");
  const answer = chat.assistant();
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer.getByTestId("message-content")).not.toBeEmpty();
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 30_000 });
});
