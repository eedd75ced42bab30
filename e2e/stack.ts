import { startAppServer, type AppServer } from "./app-server";
import type { MockUpstream } from "./mock-upstream.mjs";

export interface Stack {
  mock: MockUpstream;
  app: AppServer;
  stop: () => Promise<void>;
}

/** The mock upstream and the built app pointed at it, both on 127.0.0.1. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  // The mock is plain ESM (so `npm run demo` runs it with node alone); Playwright's CommonJS
  // transform cannot require() it, hence the dynamic import.
  const { startMockUpstream } = await import("./mock-upstream.mjs");
  const mock = await startMockUpstream({});
  const app = await startAppServer({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test-upstream-key", ...env });
  return {
    mock,
    app,
    stop: async () => {
      await app.stop();
      await mock.close();
    },
  };
}
