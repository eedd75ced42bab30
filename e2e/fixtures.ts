import { test } from "@playwright/test";
import { startStack, type Stack } from "./stack";

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
