// The live model list: the picker lists what the upstream's /v1/models says, filters as you type,
// and the next chat uses what was picked; CUSTOM_MODELS=-all restricts (the server refuses a typed
// name on both servers); a failing /v1/models leaves the configured list and says why; a
// capability edit survives a reload.
import { type AppServer, LAUNCH_MODES, startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
import type { MockUpstream } from "./mock-upstream.mjs";
import { ChatPage } from "./pages/chat-page";

let mock: MockUpstream;
const apps: AppServer[] = [];

test.beforeAll(async () => {
  const { startMockUpstream } = await import("./mock-upstream.mjs");
  mock = await startMockUpstream();
});
test.afterAll(async () => {
  for (const app of apps) await app.stop();
  await mock?.close();
});
test.beforeEach(() => mock.reset());

async function app(env: Record<string, string> = {}, mode: (typeof LAUNCH_MODES)[number] = "fast"): Promise<AppServer> {
  const started = await startAppServer({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", ...env }, { mode });
  apps.push(started);
  return started;
}

const chatRequests = () => mock.requests.filter((r) => r.path.endsWith("/chat/completions"));

async function openPicker(chat: ChatPage) {
  await chat.openSettings();
  const input = chat.page.getByTestId("settings-model");
  await input.click();
  await expect(chat.page.getByRole("listbox")).toBeVisible();
  return input;
}

test("the picker lists the live models, filters as you type, and the next chat uses the pick", async ({ page }) => {
  const server = await app();
  const chat = new ChatPage(page);
  await chat.open(server.url);
  await expect(chat.composer).toBeVisible();
  const input = await openPicker(chat);
  await expect(page.getByTestId("model-list-status")).toHaveAttribute("data-live", "true");
  const options = page.getByTestId("model-option");
  // Models only the upstream lists (not in the built-in defaults) are offered.
  for (const id of ["mock-model", "claude-3-5-sonnet", "gemini-2.0-flash", "gpt4-all"]) await expect(page.locator(`[data-testid="model-option"][data-model="${id}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="model-option"][data-model="gpt-5"]')).toHaveCount(0);
  await expect(page.getByRole("group", { name: "claude" })).toBeVisible();
  await expect(page.locator('[data-model="claude-3-5-sonnet"]')).toHaveAttribute("data-vision", "true");
  await expect(page.locator('[data-model="deepseek-reasoner"]')).toHaveAttribute("data-reasoning", "true");

  await input.fill("claude");
  await expect(options).toHaveCount(1);
  await input.fill("gemini flash");
  await expect(options).toHaveCount(1);
  // Keyboard: arrow to the one match, Enter picks it, the list closes.
  await input.press("ArrowDown");
  await expect(input).toHaveAttribute("aria-activedescendant", /.+/);
  await input.press("Enter");
  await expect(input).toHaveValue("gemini-2.0-flash");
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(page.getByTestId("model-capabilities")).toHaveAttribute("data-model", "gemini-2.0-flash");

  // Escape closes the list first, the dialog only on a second press.
  await input.press("ArrowDown");
  await expect(page.getByRole("listbox")).toBeVisible();
  await input.press("Escape");
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(page.getByTestId("settings-dialog")).toBeVisible();
  await chat.closeSettings();

  await chat.ask("which model?");
  expect(chatRequests().at(-1)!.body.model).toBe("gemini-2.0-flash");

  // A click works too, and a typed name the relay does not list is still sent as typed.
  await openPicker(chat);
  await page.locator('[data-testid="model-option"][data-model="qwen-max"]').click();
  await expect(page.getByTestId("settings-model")).toHaveValue("qwen-max");
  await page.getByTestId("settings-model").fill("my-private-model");
  await expect(page.getByTestId("model-typed")).toBeVisible();
  await chat.closeSettings();
  await chat.ask("and now?");
  expect(chatRequests().at(-1)!.body.model).toBe("my-private-model");
});

test("own key: the picker reads the own endpoint's list from the browser, and refresh reads it again", async ({ page }) => {
  const server = await app({ OPENAI_API_KEY: "" });
  const chat = new ChatPage(page);
  await chat.open(server.url);
  await chat.openSettings();
  await page.getByTestId("settings-own-key").check();
  await page.getByTestId("settings-own-base-url").fill(`${mock.url}/v1`);
  await page.getByTestId("settings-own-api-key").fill("sk-my-own-key");
  await page.getByTestId("settings-model").click();
  await expect(page.locator('[data-testid="model-option"][data-model="mock-model"]')).toBeVisible();
  const listCall = mock.requests.find((r) => r.path === "/v1/models")!;
  expect(listCall.headers.authorization).toBe("Bearer sk-my-own-key");
  expect(listCall.headers.origin).toBe(server.url);
  mock.setModels(["gpt-4o-mini", "brand-new-model"]);
  await page.getByTestId("model-refresh").click();
  await page.getByTestId("settings-model").click();
  await expect(page.locator('[data-testid="model-option"][data-model="brand-new-model"]')).toBeVisible();
  await expect(page.locator('[data-testid="model-option"][data-model="mock-model"]')).toHaveCount(0);
});

test("-all,+gpt-4o-mini hides the rest, and a typed gpt-4o is refused by the server", async ({ page }) => {
  const server = await app({ CUSTOM_MODELS: "-all,+gpt-4o-mini" });
  const chat = new ChatPage(page);
  await chat.open(server.url);
  const input = await openPicker(chat);
  await expect(page.getByTestId("model-list-status")).toHaveAttribute("data-live", "true");
  await expect(page.getByTestId("model-option")).toHaveCount(1);
  await expect(page.getByTestId("model-option")).toHaveAttribute("data-model", "gpt-4o-mini");
  await input.fill("gpt-4o");
  await expect(page.getByTestId("model-typed")).toBeVisible();
  await chat.closeSettings();
  const answer = await chat.ask("try the bigger one", "error");
  await expect(answer.getByTestId("error-hint")).toHaveAttribute("data-code", "model_not_allowed");
  await expect(answer.getByTestId("error-hint")).toContainText("gpt-4o");
  expect(chatRequests()).toHaveLength(0);
});

test("both servers refuse a model outside a restricted list before calling the upstream", async () => {
  for (const mode of LAUNCH_MODES) {
    const server = await app({ CUSTOM_MODELS: "-all,+gpt-4o-mini" }, mode);
    const post = (model: string) =>
      fetch(`${server.url}/api/openai/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }) });
    const refused = await post("gpt-4o");
    expect(refused.status, mode).toBe(403);
    expect((await refused.json()).error, mode).toMatchObject({ code: "model_not_allowed", model: "gpt-4o" });
    expect(chatRequests(), mode).toHaveLength(0);
    expect((await post("gpt-4o-mini")).status, mode).toBe(200);
    mock.reset();
    // The list route sits behind the same gate as every /api route but config and health.
    const coded = await app({ CODE: "secret1" }, mode);
    expect((await fetch(`${coded.url}/api/models`)).status, mode).toBe(401);
    expect((await fetch(`${coded.url}/api/models`, { headers: { "x-access-code": "secret1" } })).status, mode).toBe(200);
  }
});

test("an upstream whose /v1/models fails leaves the configured list and says so", async ({ page }) => {
  const server = await app({ CUSTOM_MODELS: "+mock-model" });
  mock.enqueue({ kind: "error", error: "error-502-html", path: "/v1/models" });
  const chat = new ChatPage(page);
  await chat.open(server.url);
  await openPicker(chat);
  const status = page.getByTestId("model-list-status");
  await expect(status).toHaveAttribute("data-live", "false");
  await expect(status).toContainText(/could not be read.*502/);
  // The configured list: the built-in defaults plus CUSTOM_MODELS.
  await expect(page.locator('[data-testid="model-option"][data-model="gpt-5"]')).toBeVisible();
  await expect(page.locator('[data-testid="model-option"][data-model="mock-model"]')).toBeVisible();
  await expect(page.locator('[data-testid="model-option"][data-model="claude-3-5-sonnet"]')).toHaveCount(0);
  await chat.closeSettings();
  await chat.ask("chat still works");
});

test("marking gpt4-all as vision persists across a reload", async ({ page }) => {
  const server = await app();
  const chat = new ChatPage(page);
  await chat.open(server.url);
  await openPicker(chat);
  await expect(page.locator('[data-model="gpt4-all"]')).toHaveAttribute("data-vision", "false");
  await page.locator('[data-testid="model-option"][data-model="gpt4-all"]').click();
  const caps = page.getByTestId("model-capabilities");
  await expect(caps).toHaveAttribute("data-model", "gpt4-all");
  await expect(caps.getByTestId("capability-vision")).not.toBeChecked();
  await caps.getByTestId("capability-vision").check();
  await expect(caps).toHaveAttribute("data-vision", "true");
  await chat.closeSettings();

  await page.reload();
  await expect(chat.composer).toBeVisible();
  await openPicker(chat);
  await expect(page.locator('[data-testid="model-option"][data-model="gpt4-all"]')).toHaveAttribute("data-vision", "true");
  await page.locator('[data-testid="model-option"][data-model="gpt4-all"]').click();
  await expect(page.getByTestId("model-capabilities")).toHaveAttribute("data-model", "gpt4-all");
  await expect(page.getByTestId("model-capabilities").getByTestId("capability-vision")).toBeChecked();
  // The edit is for that name only: the guess still rules everywhere else.
  await page.getByTestId("settings-model").click();
  await expect(page.locator('[data-testid="model-option"][data-model="deepseek-chat"]')).toHaveAttribute("data-vision", "false");
});
