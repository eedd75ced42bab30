// The balance (test hook `balance`): the server key's, through the proxy, only with
// ENABLE_BALANCE_QUERY=1; the user's own, straight from their endpoint, always. The mock upstream
// answers the billing paths ($100 total, $12.345 used unless a scenario is queued).
import { expect, test, useStack } from "./fixtures";
import type { MockUpstream } from "./mock-upstream.mjs";
import { ChatPage } from "./pages/chat-page";
import type { Page } from "@playwright/test";

const billing = (mock: MockUpstream) => mock.requests.filter((r) => r.path.includes("/dashboard/billing/"));
const SUBSCRIPTION = "/v1/dashboard/billing/subscription";

test.describe("ENABLE_BALANCE_QUERY=1: the server key's balance", () => {
  const stack = useStack({ ENABLE_BALANCE_QUERY: "1" });

  test("shown in Settings and beside the Costs totals, with the time it was read, read once", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await chat.openSettings();
    const balance = page.getByTestId("settings-dialog").getByTestId("balance");
    await expect(balance).toHaveAttribute("data-state", "ok");
    await expect(balance).toContainText("of $100.00");
    await expect(balance).toContainText("used $12.3");
    await expect(balance).toContainText("read at");
    await chat.closeSettings();
    await page.getByTestId("ledger-button").click();
    await expect(page.getByTestId("ledger").getByTestId("balance")).toHaveAttribute("data-state", "ok");
    // Settings and the Costs panel share one reading: one call per billing path.
    expect(billing(stack.mock).map((r) => r.path)).toEqual([SUBSCRIPTION, "/v1/dashboard/billing/usage"]);
    expect(billing(stack.mock)[0].headers.authorization).toBe("Bearer sk-test-upstream-key");
  });
});

/** Turns on the own-key mode against the mock and waits for the balance line to settle. */
async function ownKeyBalance(page: Page, url: string, mock: MockUpstream) {
  const chat = new ChatPage(page);
  await chat.open(url);
  await chat.openSettings();
  await page.getByTestId("settings-own-key").check();
  await page.getByTestId("settings-own-base-url").fill(`${mock.url}/v1`);
  await page.getByTestId("settings-own-api-key").fill("sk-my-own-key");
  const balance = page.getByTestId("settings-dialog").getByTestId("balance");
  await expect(balance).not.toHaveAttribute("data-state", "loading");
  return balance;
}

test.describe("ENABLE_BALANCE_QUERY unset", () => {
  const stack = useStack();

  test("nothing is shown or fetched for the server key, and the server refuses the billing paths", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open(stack.app.url);
    await chat.openSettings();
    await expect(page.getByTestId("settings-own-key")).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveCount(0);
    await chat.closeSettings();
    await page.getByTestId("ledger-button").click();
    await expect(page.getByTestId("ledger")).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveCount(0);
    for (const path of ["dashboard/billing/subscription", "v1/dashboard/billing/usage"]) {
      const res = await fetch(`${stack.app.url}/api/openai/${path}`);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "balance_disabled", message: expect.stringContaining("ENABLE_BALANCE_QUERY=1") });
    }
    expect(billing(stack.mock)).toHaveLength(0);
  });

  test("own key: the browser reads its own endpoint's balance", async ({ page }) => {
    const balance = await ownKeyBalance(page, stack.app.url, stack.mock);
    await expect(balance).toHaveAttribute("data-state", "ok");
    await expect(balance).toContainText("of $100.00");
    const sent = billing(stack.mock);
    expect(sent[0]).toMatchObject({ path: SUBSCRIPTION });
    expect(sent[0].headers.authorization).toBe("Bearer sk-my-own-key");
    expect(sent[0].headers.origin).toBe(stack.app.url);
  });

  test("own key: an unlimited key (100000000) shows as unlimited", async ({ page }) => {
    stack.mock.enqueue({ name: "billing-unlimited", path: SUBSCRIPTION });
    const balance = await ownKeyBalance(page, stack.app.url, stack.mock);
    await expect(balance).toHaveAttribute("data-state", "unlimited");
    await expect(balance).toContainText("Unlimited");
    await expect(balance).toContainText("used $12.3");
  });

  test("own key: raw quota units are converted and marked ≈", async ({ page }) => {
    stack.mock.enqueue({ name: "billing-units", path: SUBSCRIPTION });
    const balance = await ownKeyBalance(page, stack.app.url, stack.mock);
    await expect(balance).toHaveAttribute("data-state", "ok");
    await expect(balance.getByTestId("balance-figures")).toContainText("of ≈ $10.00");
    await expect(balance).toContainText("500,000 = $1");
  });

  test("own key: an error sent with HTTP 200 is shown as an error with the relay's message", async ({ page }) => {
    stack.mock.enqueue({ name: "billing-error-200", path: SUBSCRIPTION });
    const balance = await ownKeyBalance(page, stack.app.url, stack.mock);
    await expect(balance).toHaveAttribute("data-state", "error");
    await expect(balance.getByTestId("balance-message")).toContainText("该令牌已过期 (request id: 20250101120000009)");
  });

  test("own key: a 404 says the endpoint does not offer a balance", async ({ page }) => {
    stack.mock.enqueue({ name: "billing-404", path: SUBSCRIPTION });
    const balance = await ownKeyBalance(page, stack.app.url, stack.mock);
    await expect(balance).toHaveAttribute("data-state", "unsupported");
    await expect(balance.getByTestId("balance-message")).toContainText("does not offer a balance");
  });
});
