import { expect, test as base } from "@playwright/test";
import { startStack, type Stack } from "./stack";

/**
 * Playwright's `test`, whose `page` fails the test on any Content-Security-Policy violation: the
 * browser's own console report, and a `securitypolicyviolation` listener installed before any of
 * the page's scripts run (it also catches violations that a page catches, like a probe of eval).
 * Every browser spec uses it, so the whole suite runs under the app's real headers. It fails on a
 * hydration mismatch too: the server-rendered first screen must be what the page renders first.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    const mismatches: string[] = [];
    // React's production errors for hydration: text (418), a root that fell back to a client render (423, 425).
    page.on("pageerror", (error) => {
      if (/Minified React error #(418|423|425)\b|hydrat/i.test(error.message)) mismatches.push(error.message);
    });
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
    expect(mismatches, "hydration mismatches").toEqual([]);
  },
});

export { expect };

/**
 * One mock upstream and one app server for the spec file that calls this, started before its
 * tests and stopped after them; the mock's record is cleared before each test.
 */
export function useStack(env: Record<string, string> = {}) {
  let stack: Stack | undefined;
  test.beforeAll(async () => {
    stack = await startStack(env);
  });
  test.afterAll(async () => stack?.stop());
  test.beforeEach(() => stack?.mock.reset());
  const current = () => {
    if (!stack) throw new Error("the stack is not started");
    return stack;
  };
  return {
    get app() {
      return current().app;
    },
    get mock() {
      return current().mock;
    },
    /** What the mock received on its chat completions endpoint, oldest first. */
    chatRequests: () => current().mock.requests.filter((r) => r.path.endsWith("/chat/completions")),
  };
}
