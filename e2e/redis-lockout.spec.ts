// The access-code lock-out shared through Redis (REDIS_URL) by two app instances, without a
// browser: Debian's redis-server on a free loopback port (stopped by PID), instances behind a
// pretend reverse proxy (TRUST_PROXY=1, so X-Forwarded-For picks the client address). Each pair
// mixes the two ways of serving (fast-server.js and Next's server.js), so both entry points meet
// the shared store. Run `npm run build` first.
import { expect, test } from "@playwright/test";
import { type AppServer, type LaunchMode, startAppServer } from "./app-server";
import { JSON_TYPE, rawRequest, SECRETS } from "./proxy-helpers";
import { type RedisServer, SHARED, startRedis } from "./redis-server";

const PASSWORD = "e2e-redis-pass-4Kp9";
const RIGHT = "secret1";
/** Failure detection for (re)connections; reconnect attempts back off up to 5 s. */
const CONNECT = { timeout: 30_000 };

const wrongCode = (i: number) => `wrong-guess-${i}-x7Qm`;

/** POST /api/access (through proxy.ts) from a client address, as the proxy in front reports it. */
const access = (app: AppServer, from: string, code: string) => rawRequest(app.url, "POST", "/api/access", { ...JSON_TYPE, "x-access-code": code, "x-forwarded-for": from });
/** GET /api/openai/v1/models: the fast path on fast-server.js, the route handler on server.js. */
const models = (app: AppServer, from: string, code: string) => rawRequest(app.url, "GET", "/api/openai/v1/models", { "x-access-code": code, "x-forwarded-for": from });

const PAIRS: [LaunchMode, LaunchMode][] = [
  ["fast", "next"],
  ["next", "fast"],
];

for (const [modeA, modeB] of PAIRS) {
  test.describe(`lock-out shared through Redis: A ${modeA}, B ${modeB}`, () => {
    test.describe.configure({ mode: "serial" });
    let redis: RedisServer;
    let a: AppServer;
    let b: AppServer;
    let env: Record<string, string>;
    const start = async (mode: LaunchMode) => {
      const app = await startAppServer(env, { mode });
      await expect.poll(() => app.output(), CONNECT).toMatch(SHARED);
      return app;
    };
    const outputs = () => [a, b].map((app) => app.output()).join("\n");

    test.beforeAll(async () => {
      redis = await startRedis({ password: PASSWORD });
      env = { CODE: RIGHT, TRUST_PROXY: "1", REDIS_URL: redis.url, OPENAI_API_KEY: "", BASE_URL: "" };
      [a, b] = await Promise.all([start(modeA), start(modeB)]);
    });
    test.afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await redis?.stop();
    });

    test("ten wrong codes on A: B answers 429 with Retry-After, on both entry points", async () => {
      for (let i = 0; i < 10; i++) expect((await access(a, "203.0.113.10", wrongCode(i))).status).toBe(401);
      for (const app of [b, a]) {
        for (const call of [access, models]) {
          const locked = await call(app, "203.0.113.10", RIGHT);
          expect(locked.status).toBe(429);
          expect(JSON.parse(locked.body).error.code).toBe("access_locked");
          expect(Number(locked.headers["retry-after"])).toBeGreaterThan(500);
          expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(600);
        }
      }
      // Another client behind the same proxy is not affected.
      expect((await access(b, "203.0.113.11", RIGHT)).status).toBe(200);
    });

    test("failures on both instances add up to one lock-out", async () => {
      for (let i = 0; i < 10; i++) expect((await access(i % 2 === 0 ? a : b, "203.0.113.20", wrongCode(i))).status).toBe(401);
      expect((await access(a, "203.0.113.20", RIGHT)).status).toBe(429);
      expect((await models(b, "203.0.113.20", RIGHT)).status).toBe(429);
    });

    test("a restarted instance still refuses the locked-out address", async () => {
      await b.stop();
      b = await start(modeB);
      expect((await access(b, "203.0.113.10", RIGHT)).status).toBe(429);
      expect((await models(b, "203.0.113.20", RIGHT)).status).toBe(429);
      expect((await access(b, "203.0.113.12", RIGHT)).status).toBe(200);
    });

    test("the log has one line per refused code with address and count, the lock-out's start, and never a code", async () => {
      const log = a.output();
      for (let n = 1; n <= 10; n++) expect(log).toMatch(new RegExp(`access: wrong access code from 203\\.0\\.113\\.10 at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(${n} of 10 within 10 min, all instances\\)`));
      expect(log).toMatch(/access: 203\.0\.113\.10 locked out from \S+Z until \S+Z \(10 wrong codes within 10 min\)/);
      const all = outputs();
      for (let i = 0; i < 10; i++) expect(all).not.toContain(wrongCode(i));
      for (const secret of [...SECRETS, PASSWORD]) expect(all).not.toContain(secret);
    });

    test("Redis killed: both stay up with the gate closed; one warning each; back when Redis is", async () => {
      // Only what the instances say from here on counts (a busy machine may have made them warn at start).
      const marks = [a, b].map((app) => app.output().length);
      const since = (app: AppServer) => app.output().slice(marks[app === a ? 0 : 1]);
      await redis.stop("SIGKILL");
      const warning = /access: Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable \(/g;
      for (const app of [a, b]) await expect.poll(() => since(app), CONNECT).toMatch(warning);
      for (const app of [a, b]) {
        expect((await rawRequest(app.url, "GET", "/api/health")).status).toBe(200);
        // The known lock-out stays; a wrong code is refused, a right one from a clean address works.
        expect((await access(app, "203.0.113.10", RIGHT)).status).toBe(429);
        expect((await models(app, "203.0.113.10", RIGHT)).status).toBe(429);
        expect((await access(app, "198.51.100.30", wrongCode(0))).status).toBe(401);
        expect((await models(app, "198.51.100.31", wrongCode(1))).status).toBe(401);
        expect((await access(app, "198.51.100.32", RIGHT)).status).toBe(200);
      }
      // Memory keeps counting: ten wrong codes on one instance lock the address there.
      for (let i = 0; i < 10; i++) expect((await access(a, "198.51.100.40", wrongCode(i))).status).toBe(401);
      expect((await access(a, "198.51.100.40", RIGHT)).status).toBe(429);
      expect(a.output()).toContain("access: wrong access code from 198.51.100.40");
      expect(a.output()).toContain("(10 of 10 within 10 min, this instance only: Redis unreachable)");
      for (const app of [a, b]) expect(since(app).match(warning)).toHaveLength(1);

      redis = await startRedis({ port: redis.port, password: PASSWORD });
      for (const app of [a, b]) await expect.poll(() => since(app), CONNECT).toContain("is back; lock-outs are shared again");
      expect((await access(b, "203.0.113.10", RIGHT)).status).toBe(429);
      expect(outputs()).not.toContain(PASSWORD);
    });
  });
}
