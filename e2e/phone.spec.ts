import type { Locator, Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { expect, test, useStack } from "./fixtures";
import { seriousViolations } from "./axe";

const stack = useStack();
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Nothing on the page is wider than the screen. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

/** Every visible control inside `scope` is at least 44 px high (and buttons 44 px wide). */
async function expectTouchTargets(scope: Locator) {
  const small = await scope.evaluate((root) => {
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>("button, select, input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea, [role=button]"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      const wideEnough = el.tagName !== "BUTTON" || box.width >= 44;
      if (box.height < 44 || !wideEnough) out.push(`${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 20)}] ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
}

/** Nothing inside `scope` (itself included) scrolls sideways: every scroll box is as wide as its content. */
async function expectNoSidewaysScrollInside(scope: Locator) {
  const wide = await scope.evaluate((root) =>
    [root, ...Array.from(root.querySelectorAll<HTMLElement>("*"))]
      .filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`),
  );
  expect(wide).toEqual([]);
}

/** `inner` lies wholly within `outer` and within the screen: not clipped, not scrolled away. */
async function expectWithin(inner: Locator, outer: Locator, viewport: { width: number; height: number }) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  const what = (await inner.textContent()) ?? "";
  expect(a.x, what).toBeGreaterThanOrEqual(Math.max(b.x, 0));
  expect(a.x + a.width, what).toBeLessThanOrEqual(Math.min(b.x + b.width, viewport.width));
  expect(a.y, what).toBeGreaterThanOrEqual(Math.max(b.y, 0));
  expect(a.y + a.height, what).toBeLessThanOrEqual(Math.min(b.y + b.height, viewport.height));
}

test("on a phone: the sidebar is a drawer, nothing scrolls sideways, touch targets are 44 px", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
  await chat.ask("a long answer please");
  await expectNoSidewaysScroll(page);
  await expectTouchTargets(page.locator("main"));
  // Clipped is as bad as scrolled: every control of the answer lies within the screen.
  for (const button of await chat.assistant().locator("button").all()) {
    const box = (await button.boundingBox())!;
    expect(box.x + box.width, await button.textContent() ?? "").toBeLessThanOrEqual(390);
  }

  // The sidebar is off screen until the menu opens it; picking a chat closes it.
  const sidebar = page.locator("aside");
  expect((await sidebar.boundingBox())!.x + (await sidebar.boundingBox())!.width).toBeLessThanOrEqual(1);
  await page.getByTestId("sidebar-open").tap();
  await expect.poll(async () => (await sidebar.boundingBox())!.x).toBeGreaterThanOrEqual(0);
  await expectTouchTargets(sidebar);
  await page.getByTestId("conversation-item").first().tap();
  await expect.poll(async () => (await sidebar.boundingBox())!.x).toBeLessThan(0);
  // Closed, the drawer is hidden, not only off screen: Tab never lands in it.
  await expect(sidebar).toBeHidden();
  await chat.composer.focus();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("aside") === null)).toBe(true);
  }
});

test("on a phone: the composer stays above the on-screen keyboard", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("first");
  await chat.composer.tap();
  // An on-screen keyboard shrinks the visual viewport to what is left above it.
  await page.evaluate(() => {
    const vv = window.visualViewport!;
    Object.defineProperty(vv, "height", { configurable: true, get: () => 420 });
    vv.dispatchEvent(new Event("resize"));
  });
  await expect.poll(async () => {
    const box = (await chat.composer.boundingBox())!;
    return box.y + box.height;
  }).toBeLessThanOrEqual(420);
  await expect(chat.composer).toBeInViewport();
  await page.evaluate(() => {
    const vv = window.visualViewport!;
    delete (vv as unknown as { height?: number }).height;
    vv.dispatchEvent(new Event("resize"));
  });
  await expect.poll(async () => (await chat.composer.boundingBox())!.y).toBeGreaterThan(600);
});

test("on a phone: settings and the Costs panel fill the screen and are usable", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.ask("something to cost");
  await page.getByTestId("settings-button").tap();
  const settings = page.getByTestId("settings-dialog");
  await expect(settings).toBeVisible();
  const box = (await settings.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page);
  await expectTouchTargets(settings);
  await page.getByTestId("settings-system-prompt").scrollIntoViewIfNeeded();
  await page.getByTestId("settings-system-prompt").fill("Be brief.");
  await page.getByTestId("settings-close").tap();
  await expect(settings).toBeHidden();

  await page.getByTestId("ledger-button").tap();
  const ledger = page.getByTestId("ledger");
  await expect(ledger).toBeVisible();
  await expect(ledger.getByTestId("ledger-entry")).toHaveCount(1);
  expect((await ledger.boundingBox())!.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page);
  await expectTouchTargets(ledger);
  await page.getByTestId("ledger-close").tap();
  await expect(ledger).toBeHidden();
});

// A tester's phone showed the call table scrolled sideways inside the panel: "US$0" for every call in
// Chinese (the figure cut mid-number), no cost column at all in English.
for (const [locale, colorScheme] of [["en", "light"], ["zh-CN", "dark"]] as const) {
  test.describe(`${locale} ${colorScheme}`, () => {
    test.use({ locale, colorScheme });

    test(`on a phone (${locale}, ${colorScheme}): the Costs panel shows each call's cost and the total in full, with nothing to scroll sideways`, async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open(stack.app.url);
      await chat.ask("something to cost");
      expect(stack.chatRequests().at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
      await page.getByTestId("ledger-button").tap();
      const ledger = page.getByTestId("ledger");
      await expect(ledger.getByTestId("ledger-entry")).toHaveCount(1);
      await expectNoSidewaysScrollInside(ledger);
      await expectNoSidewaysScroll(page);
      const costs = [ledger.getByTestId("ledger-entry").getByTestId("ledger-entry-cost"), ledger.getByTestId("ledger-total").getByTestId("ledger-total-cost")];
      const onPhone: string[] = [];
      for (const cost of costs) {
        await expect(cost).toBeVisible();
        await expectWithin(cost, ledger, { width: 390, height: 844 });
        onPhone.push(await cost.innerText());
      }
      await expectTouchTargets(ledger);
      expect.soft(await seriousViolations(page)).toEqual([]);

      // The same figures, to the last digit, as the table on a wide screen.
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect(ledger.locator('tr[data-testid="ledger-entry"]')).toHaveCount(1);
      const onDesktop = await Promise.all(costs.map((cost) => cost.innerText()));
      expect(onDesktop.every((text) => /[1-9]/.test(text)), onDesktop.join(", ")).toBe(true);
      expect(onPhone).toEqual(onDesktop);
    });
  });
}

/**
 * How many lines the placeholder takes in the empty box: the placeholder's text laid out in a
 * probe as wide as the box's text area, with its font and line height (the placeholder itself is
 * inside the browser's shadow DOM and cannot be measured).
 */
async function placeholderLines(composer: Locator): Promise<number> {
  return composer.evaluate((ta: HTMLTextAreaElement) => {
    const cs = getComputedStyle(ta);
    const probe = document.createElement("div");
    const width = ta.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    Object.assign(probe.style, { position: "absolute", visibility: "hidden", whiteSpace: "pre-wrap", overflowWrap: "break-word", width: `${width}px`, font: cs.font, letterSpacing: cs.letterSpacing, lineHeight: cs.lineHeight });
    probe.textContent = ta.placeholder;
    document.body.append(probe);
    const lines = Math.round(probe.getBoundingClientRect().height / parseFloat(cs.lineHeight));
    probe.remove();
    return lines;
  });
}

for (const locale of ["en-US", "zh-CN"]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("on a phone: the empty composer's placeholder fits its one line, and no key hint shows", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open(stack.app.url);
      await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh-CN" ? "zh-CN" : "en");
      await expect(chat.composer).toHaveValue("");
      // The box is one line high: the placeholder must be one line too, not cut through.
      expect((await chat.composer.boundingBox())!.height).toBeLessThanOrEqual(46);
      expect(await placeholderLines(chat.composer)).toBe(1);
      expect(await chat.composer.evaluate((ta) => ta.scrollHeight <= ta.clientHeight)).toBe(true);
      // "Shift+Enter for a new line" means little on a touch keyboard: the hint is for wide screens.
      await expect(page.getByTestId("composer-keys-hint")).toBeHidden();
      await expect(chat.composer).not.toHaveAttribute("placeholder", /Shift/);
      // Nor does the empty chat's invitation speak of keys.
      await expect(page.getByTestId("chat-empty-keys")).toBeHidden();
      await expect(page.getByTestId("message-list")).not.toContainText("Shift", { useInnerText: true });
    });
  });
}
