// Endpoint failover end to end: BASE_URL lists two endpoints, the first one failing in each way
// that moves on (refused, a gateway's HTML 502) or must not (a relay's JSON 401, a stream that
// broke after its first bytes). On both servers: the fast path of fast-server.js and Next's
// route handler in server.js. Run `npm run build` first.
import { type AppServer, freePort, LAUNCH_MODES, type LaunchMode, startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
// Type-only: the mock is plain ESM, loaded with a real dynamic import() below.
import type { MockUpstream } from "./mock-upstream.mjs";
import { ChatPage } from "./pages/chat-page";
import { dataEvents, postChat, SECRETS } from "./proxy-helpers";

interface FailoverStack {
  app: AppServer;
  /** The first endpoint's mock (none when it is a closed port). */
  first?: MockUpstream;
  second: MockUpstream;
  stop(): Promise<void>;
}

/** Two endpoints in BASE_URL: the first a closed port or a mock that answers `firstScenario` to every chat; the second a normal mock. */
async function startFailoverStack(mode: LaunchMode, firstScenario: string | "closed"): Promise<FailoverStack> {
  const { startMockUpstream } = await import("./mock-upstream.mjs");
  const second = await startMockUpstream();
  const first = firstScenario === "closed" ? undefined : await startMockUpstream({ scenario: firstScenario });
  // A port nothing listens on (freePort closes it again): connections are refused.
  const firstUrl = first ? first.url : `http://127.0.0.1:${await freePort()}`;
  const app = await startAppServer({ BASE_URL: `${firstUrl}/v1,${second.url}`, OPENAI_API_KEY: "sk-test", CODE: "secret1" }, { mode });
  return {
    app,
    first,
    second,
    stop: async () => {
      await app.stop();
      await first?.close();
      await second.close();
    },
  };
}

const chats = (mock: MockUpstream | undefined) => mock?.requests.filter((r) => r.path.endsWith("/chat/completions")) ?? [];

for (const mode of LAUNCH_MODES) {
  test.describe(`${mode}: failover across BASE_URL's endpoints`, () => {
    let stack: FailoverStack | undefined;
    test.afterEach(async () => {
      if (stack) for (const secret of [...SECRETS, "secret1"]) expect(stack.app.output()).not.toContain(secret);
      await stack?.stop();
      stack = undefined;
    });

    test("the first endpoint refuses connections: the chat works through the second, and the log names the host", async ({ page }) => {
      stack = await startFailoverStack(mode, "closed");
      const chat = new ChatPage(page);
      await chat.open(stack.app.url);
      await chat.enterCode("secret1");
      const answer = await chat.ask("hello through the second endpoint");
      await expect(answer.getByTestId("message-content")).not.toBeEmpty();
      const received = chats(stack.second);
      expect(received).toHaveLength(1);
      expect(received[0].body.messages.at(-1).content).toBe("hello through the second endpoint");
      expect(received[0].headers.authorization).toBe("Bearer sk-test");
      // Cooling down now: the next request goes straight to the second endpoint, without a new log line.
      await chat.ask("and again");
      expect(chats(stack.second)).toHaveLength(2);
      const lines = stack.app.output().split("\n").filter((l) => l.includes("[failover]"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[failover\] 127\.0\.0\.1:\d+ failed \(ECONNREFUSED\): skipped for 60 s$/);
    });

    test("the first endpoint answers a gateway's HTML 502: the second answers the same request", async () => {
      stack = await startFailoverStack(mode, "error-502-html");
      const res = await postChat(stack.app.url, "hello", { stream: true });
      expect(res.status).toBe(200);
      const events = dataEvents(await res.text());
      expect(events.at(-1)).toBe("[DONE]");
      expect(chats(stack.first)).toHaveLength(1);
      const [retried] = chats(stack.second);
      expect(retried.body).toEqual(chats(stack.first)[0].body);
    });

    test("the first endpoint answers one-api's JSON 401: the user gets that 401 and the second is not called", async ({ page }) => {
      stack = await startFailoverStack(mode, "error-401-oneapi");
      const res = await postChat(stack.app.url, "hello", { stream: true });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatchObject({ code: "upstream_auth", upstreamMessage: expect.stringContaining("无效的令牌") });
      // And in the page, as the error card of the answer.
      const chat = new ChatPage(page);
      await chat.open(stack.app.url);
      await chat.enterCode("secret1");
      const answer = await chat.ask("hello from the page", "error");
      await expect(answer.getByTestId("error-hint")).toHaveAttribute("data-code", "upstream_auth");
      expect(chats(stack.first)).toHaveLength(2);
      expect(chats(stack.second)).toHaveLength(0);
      expect(stack.app.output()).not.toContain("[failover]");
    });

    test("a stream that breaks after its first bytes is not replayed on the second endpoint", async () => {
      stack = await startFailoverStack(mode, "reset");
      const res = await postChat(stack.app.url, "hello", { stream: true });
      expect(res.status).toBe(200);
      const events = dataEvents(await res.text());
      expect(events.length).toBeGreaterThan(1);
      expect(JSON.parse(events.at(-1)!).error).toMatchObject({ code: "stream_interrupted" });
      expect(chats(stack.first)).toHaveLength(1);
      expect(chats(stack.second)).toHaveLength(0);
    });
  });
}
