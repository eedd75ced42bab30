// The scale-out shape of deploy/compose.yaml without Docker: Debian's nginx with
// deploy/nginx-compose.conf load-balancing two fast-server.js instances (what the image runs) that
// share the lock-out through a local redis-server. Run `npm run build` first.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type AppServer, startAppServer } from "./app-server";
import { type NginxServer, startComposeNginx } from "./nginx";
import { JSON_TYPE, rawRequest, SECRETS } from "./proxy-helpers";
import { type RedisServer, SHARED, startRedis } from "./redis-server";

const deploy = (file: string) => readFileSync(path.resolve(__dirname, "..", "deploy", file), "utf8");
const locationBlock = (conf: string) => /location \/ \{[\s\S]*?\n {4}\}/.exec(conf)?.[0];

test("deploy/nginx-compose.conf proxies exactly as deploy/nginx.conf does", () => {
  expect(locationBlock(deploy("nginx-compose.conf"))).toBeTruthy();
  expect(locationBlock(deploy("nginx-compose.conf"))).toBe(locationBlock(deploy("nginx.conf")));
  const compose = deploy("compose.yaml");
  expect(compose).toMatch(/TRUST_PROXY: "1"/);
  expect(compose).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
  expect(compose).toMatch(/app1: \*app\n {2}app2: \*app/);
});

test.describe("two app instances behind the compose nginx config, one Redis", () => {
  let redis: RedisServer;
  let apps: AppServer[] = [];
  let nginx: NginxServer;

  test.beforeAll(async () => {
    redis = await startRedis();
    const env = { CODE: "secret1", TRUST_PROXY: "1", REDIS_URL: redis.url, OPENAI_API_KEY: "", BASE_URL: "" };
    apps = await Promise.all([startAppServer(env), startAppServer(env)]);
    for (const app of apps) await expect.poll(() => app.output(), { timeout: 30_000 }).toMatch(SHARED);
    nginx = await startComposeNginx([apps[0].port, apps[1].port]);
  });
  test.afterAll(async () => {
    await nginx?.stop();
    await Promise.all(apps.map((app) => app.stop()));
    await redis?.stop();
  });

  test("wrong codes spread over both instances lock the client out on both", async () => {
    const access = (code: string, from?: string) => rawRequest(nginx.url, "POST", "/api/access", { ...JSON_TYPE, "x-access-code": code, "x-forwarded-for": "10.66.0.1" }, undefined, from);
    for (let i = 0; i < 10; i++) expect((await access(`nope-${i}-Jd2`)).status).toBe(401);
    // nginx took turns: each instance refused some of the ten, and the shared count reached ten.
    for (const app of apps) expect(app.output()).toContain("access: wrong access code from 127.0.0.1");
    expect(apps.map((app) => app.output()).join("\n")).toMatch(/\(10 of 10 within 10 min, all instances\)/);
    for (let i = 0; i < 2; i++) {
      const locked = await access("secret1");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(500);
    }
    // Another client (another address as nginx sees it) is not affected.
    expect((await access("secret1", "127.0.0.2")).status).toBe(200);
    const all = apps.map((app) => app.output()).join("\n");
    for (let i = 0; i < 10; i++) expect(all).not.toContain(`nope-${i}-Jd2`);
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
