// The connection doctor against the mock upstream: every step passing (with the identity
// questions and the doctor's ledger lines), 401s of each relay shape, a mistyped model with
// one-api's "no channel" answer, the one-run-a-minute limit, own-key mode, and "Diagnose" from an
// error card. URL forms, buffering proxies and version paths: doctor-proxy.spec.ts.
// Run `npm run build` first.
import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { DoctorPanel } from "./pages/doctor-panel";

const CODE = "doctor-code";
const KEY = "sk-test-upstream-key";
// TRUST_PROXY: each test sends its own X-Forwarded-For, so the one-run-a-minute limit is per test.
const stack = useStack({ CODE, TRUST_PROXY: "1" });
let clientSeq = 0;

async function openApp(page: import("@playwright/test").Page) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.20.0.${++clientSeq}` });
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.enterCode(CODE);
  await expect(chat.composer).toBeVisible();
  return { chat, doctor: new DoctorPanel(page) };
}

test.beforeAll(async () => {
  // The server caches the live model list for minutes: read it now, so no page load's read takes
  // a model-list answer queued for the doctor.
  await fetch(`${stack.app.url}/api/models`, { headers: { "x-access-code": CODE } });
});

test("every step passes on a healthy relay; the identity answers sit beside the reference; each billed call is a doctor line in Costs", async ({ page }) => {
  const { doctor } = await openApp(page);
  await doctor.openFromSettings();
  await expect(doctor.dialog.getByTestId("doctor-cost")).toHaveAttribute("data-calls", "2");
  await doctor.dialog.getByTestId("doctor-identity").check();
  await expect(doctor.dialog.getByTestId("doctor-cost")).toHaveAttribute("data-calls", "6");
  await expect(doctor.dialog.getByTestId("doctor-cost")).toContainText("$");
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/doctor"));
  await doctor.run({ model: "gpt-4o-mini" });
  await doctor.expectStatuses({ reach: "ok", url: "ok", key: "ok", model: "ok", stream: "ok", identity: "ok" });
  for (const step of ["reach", "url", "key", "model", "stream"] as const) await expect(doctor.step(step).getByTestId("doctor-step-ms")).toBeVisible();
  await expect(doctor.step("key")).toContainText("9");
  await expect(doctor.dialog.getByTestId("doctor-fix")).toHaveCount(0);
  // The server's key stays on the server.
  expect(await (await answered).text()).not.toContain(KEY);

  const probes = doctor.dialog.getByTestId("doctor-probe");
  await expect(probes).toHaveCount(4);
  await expect(probes.filter({ hasText: "strawberry" }).getByTestId("doctor-probe-answer")).toContainText("2 times");
  await expect(probes.filter({ hasText: "strawberry" }).getByTestId("doctor-probe-reference")).toContainText("Three");
  await expect(probes.filter({ hasText: "鲁迅" }).getByTestId("doctor-probe-answer")).toContainText("同一个人");

  const chats = stack.chatRequests();
  // The one-token check and the 4 questions from the server, the stream from the page through /api/openai.
  expect(chats.map((r) => [r.body.stream === true, r.body.max_tokens])).toEqual([[false, 1], [false, 300], [false, 300], [false, 300], [false, 300], [true, 120]]);
  expect(chats.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  // The URL-form probes carry no key; the list check does.
  const lists = stack.mock.requests.filter((r) => r.path.endsWith("/models"));
  expect(lists.filter((r) => r.headers.authorization).map((r) => r.path)).toEqual(["/v1/models"]);

  await doctor.close();
  await page.getByTestId("ledger-button").click();
  const lines = page.getByTestId("ledger-detached").locator('[data-testid="ledger-entry"][data-kind="doctor"]');
  await expect(lines).toHaveCount(6);
  const billed = chats.reduce((n, r) => n + r.usage!.prompt_tokens, 0);
  let shown = 0;
  for (const line of await lines.all()) shown += Number(await line.getAttribute("data-prompt-tokens"));
  expect(shown).toBe(billed);
  await expect(page.getByTestId("ledger-detached")).toContainText(/connection test|连接测试/);
});

const KEY_SHAPES = [
  ["error-401-openai", "key.openaiIncorrect", /a relay's key sent to OpenAI/],
  ["error-401-oneapi", "key.oneapiInvalid", /from the relay's dashboard \(its 令牌 page\)/],
  ["error-401-oneapi-no-token", "key.missing", /OPENAI_API_KEY/],
  ["error-401-oneapi-expired", "key.expired", /expiry/],
  ["error-401-oneapi-exhausted", "key.tokenQuota", /Topping up the account does not/],
  ["error-401-oneapi-token-quota", "key.tokenQuota", /Topping up the account does not/],
  ["error-401-oneapi-disabled", "key.disabled", /Switch the key on/],
  ["error-403-oneapi-quota", "key.accountQuota", /Top up the account/],
] as const;

test("the key step tells every 401 shape apart, each with its own fix (and the token's quota from the account's)", async ({ page }) => {
  const { doctor } = await openApp(page);
  await doctor.openFromSettings();
  for (const [scenario, finding, fix] of KEY_SHAPES) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.21.0.${++clientSeq}` });
    stack.mock.enqueue({ name: scenario, path: "/v1/models" });
    await doctor.run({ model: "gpt-4o-mini" });
    await expect(doctor.step("key"), scenario).toHaveAttribute("data-status", "fail");
    await expect(doctor.step("key"), scenario).toHaveAttribute("data-finding", finding);
    await expect(doctor.step("key").getByTestId("doctor-fix"), scenario).toContainText(fix);
    await doctor.expectStatuses({ reach: "ok", url: "ok", model: "skipped", stream: "skipped" });
  }
  // Nothing billed was sent while the key failed.
  expect(stack.chatRequests()).toHaveLength(0);
});

test("a mistyped model: one-api's “no available channel” is named with the exact model, and the listed one offered", async ({ page }) => {
  const { doctor } = await openApp(page);
  await doctor.openFromSettings();
  stack.mock.enqueue("error-503-oneapi-no-channel");
  await doctor.run({ model: "gpt-4o-mnii" });
  await doctor.expectStatuses({ reach: "ok", url: "ok", key: "ok", model: "fail", stream: "skipped" });
  await expect(doctor.step("model")).toHaveAttribute("data-finding", "model.noChannel");
  await expect(doctor.step("model").getByTestId("doctor-finding")).toContainText("“gpt-4o-mnii”");
  await expect(doctor.step("model").getByTestId("doctor-fix")).toContainText("Did you mean “gpt-4o-mini”?");
  await expect(doctor.step("model").getByTestId("doctor-fix-code")).toHaveText("gpt-4o-mini");
  expect(stack.chatRequests().map((r) => r.body.model)).toEqual(["gpt-4o-mnii"]);
});

test("the server runs the doctor once a minute per client: 429 with Retry-After and a message in both languages", async ({ page }) => {
  const { doctor } = await openApp(page);
  await doctor.openFromSettings();
  await doctor.run({ model: "gpt-4o-mini" });
  await doctor.expectStatuses({ model: "ok" });
  const before = stack.mock.requests.length;
  await doctor.run();
  await expect(doctor.dialog.getByTestId("doctor-problem")).toHaveAttribute("data-code", "doctor_rate_limited");
  await expect(doctor.dialog.getByTestId("doctor-problem")).toContainText(/Try again in \d+ s/);
  expect(stack.mock.requests.length).toBe(before);

  const post = (client: string, body: unknown) =>
    fetch(`${stack.app.url}/api/doctor`, { method: "POST", headers: { "Content-Type": "application/json", "x-access-code": CODE, "x-forwarded-for": client }, body: JSON.stringify(body) });
  const client = `10.22.0.${++clientSeq}`;
  expect((await post(client, { model: "gpt-4o-mini" })).status).toBe(200);
  const limited = await post(client, { model: "gpt-4o-mini" });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  const { error } = await limited.json();
  expect(error.code).toBe("doctor_rate_limited");
  expect(error.message).toMatch(/once a minute.*每分钟/);
  // The body never chooses where the doctor calls: a URL in it is refused, and nothing is called.
  const calls = stack.mock.requests.length;
  const aimed = await post(`10.22.0.${++clientSeq}`, { model: "gpt-4o-mini", baseUrl: "http://169.254.169.254/latest" });
  expect([aimed.status, (await aimed.json()).error.code]).toEqual([400, "bad_request"]);
  expect(stack.mock.requests.length).toBe(calls);
  // Behind the access code like every other /api route.
  const anonymous = await fetch(`${stack.app.url}/api/doctor`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  expect(anonymous.status).toBe(401);
});

test("own-key mode runs every step from the browser against the user's endpoint, with the user's key", async ({ page }) => {
  const { chat, doctor } = await openApp(page);
  const doctorCalls: string[] = [];
  page.on("request", (r) => r.url().includes("/api/doctor") && doctorCalls.push(r.url()));
  await chat.openSettings();
  await page.getByTestId("settings-own-key").check();
  await page.getByTestId("settings-own-base-url").fill(`${stack.mock.url}/v1`);
  await page.getByTestId("settings-own-api-key").fill("sk-own-doctor-key");
  await page.getByTestId("doctor-button").click();
  await expect(doctor.dialog).toContainText(/your own endpoint|你自己的接口/);
  await doctor.run({ model: "deepseek-chat", identity: false });
  await doctor.expectStatuses({ reach: "ok", url: "ok", key: "ok", model: "ok", stream: "ok", identity: "ok" });
  expect(doctorCalls).toEqual([]);
  const keyed = stack.mock.requests.filter((r) => r.headers.authorization);
  expect(keyed.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["GET /v1/models", "POST /v1/chat/completions"]));
  expect(keyed.every((r) => r.headers.authorization === "Bearer sk-own-doctor-key")).toBe(true);
  await expect(doctor.dialog.getByTestId("doctor-endpoint")).toHaveCount(0);
});

test("own-key mode against an endpoint that refuses browser calls: a CORS refusal, told apart from being unreachable, and no more", async ({ page }) => {
  const { startMockUpstream } = await import("./mock-upstream.mjs");
  const noCors = await startMockUpstream({ cors: false });
  try {
    const { chat, doctor } = await openApp(page);
    await chat.openSettings();
    await page.getByTestId("settings-own-key").check();
    await page.getByTestId("settings-own-base-url").fill(noCors.url);
    await page.getByTestId("settings-own-api-key").fill("sk-own-doctor-key");
    await page.getByTestId("doctor-button").click();
    await doctor.run({ model: "gpt-4o-mini" });
    await doctor.expectStatuses({ reach: "fail", url: "skipped", key: "skipped", model: "skipped", stream: "skipped", identity: "skipped" });
    await expect(doctor.step("reach")).toHaveAttribute("data-finding", "reach.cors");
    await expect(doctor.step("reach").getByTestId("doctor-fix")).toContainText("use this server's proxy");
    // The endpoint itself was reached (the no-cors probe), but never with the key.
    expect(noCors.requests.length).toBeGreaterThan(0);
    expect(noCors.requests.every((r) => !r.headers.authorization)).toBe(true);
  } finally {
    await noCors.close();
  }
});

test("every upstream error card offers Diagnose, which opens the doctor on the conversation's model", async ({ page }) => {
  const { chat, doctor } = await openApp(page);
  const answer = await chat.ask("mock:error-502-html please", "error");
  await answer.getByTestId("error-diagnose").click();
  await expect(doctor.dialog).toBeVisible();
  await expect(doctor.dialog.getByTestId("doctor-model")).not.toHaveValue("");
  await doctor.close();
});
