import { startAppServer, type AppServer } from "./app-server";
// The mock is plain ESM so `npm run demo` can run it with node alone.
import { startMockUpstream, type MockUpstream } from "./mock-upstream.mjs";

export interface Stack {
  mock: MockUpstream;
  app: AppServer;
  stop: () => Promise<void>;
}

/** The mock upstream and the built app pointed at it, both on 127.0.0.1. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
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
