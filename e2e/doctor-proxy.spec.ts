// The connection doctor where the path to the model is wrong: BASE_URL in the wrong form (a login
// page, a CDN's error page, an API without /v1) over three endpoints, a buffering nginx in front of
// the app (the stream step must warn; see e2e/nginx.ts for what makes nginx hold a stream back)
// against the repo's deploy/nginx.conf (ok), and a BASE_URL
// ending in a version path (Zhipu's /api/paas/v4) working for chat and the model list on both
// servers. Run `npm run build` first.
import { type AppServer, LAUNCH_MODES, startAppServer } from "./app-server";
import { expect, test } from "./fixtures";
import type { MockUpstream } from "./mock-upstream.mjs";
import { startNginx, type NginxServer } from "./nginx";
import { ChatPage } from "./pages/chat-page";
import { DoctorPanel } from "./pages/doctor-panel";

const CODE = "doctor-code";
type MockOptions = Parameters<typeof import("./mock-upstream.mjs").startMockUpstream>[0];
const startMock = async (options: MockOptions = {}) => (await import("./mock-upstream.mjs")).startMockUpstream(options);

async function openDoctor(page: import("@playwright/test").Page, url: string) {
  const chat = new ChatPage(page);
  await chat.open(url);
  await chat.enterCode(CODE);
  await expect(chat.composer).toBeVisible();
  const doctor = new DoctorPanel(page);
  await doctor.openFromSettings();
  return { chat, doctor };
}

test.describe("BASE_URL in the wrong form", () => {
  let mocks: MockUpstream[] = [];
  let app: AppServer | undefined;
  test.afterAll(async () => {
    await app?.stop();
    for (const m of mocks) await m.close();
  });

  test("each endpoint's URL-form line names what answered and gives the exact BASE_URL to set", async ({ page }) => {
    // A relay's console (login page) with the API under /v1; a CDN whose relay is down; an API without /v1.
    mocks = [await startMock({ apiAt: "v1", site: "login" }), await startMock({ apiAt: "none", site: "cdn-error" }), await startMock({ apiAt: "root" })];
    const [login, cdn, rootOnly] = mocks;
    app = await startAppServer({ BASE_URL: `${login.url}/console,${cdn.url}/app,${rootOnly.url}`, OPENAI_API_KEY: "sk-test", CODE });
    const { doctor } = await openDoctor(page, app.url);
    await doctor.run({ model: "gpt-4o-mini" });
    await doctor.expectStatuses({ reach: "ok", url: "fail", key: "skipped", model: "skipped", stream: "skipped", identity: "skipped" });
    const lines = doctor.step("url").getByTestId("doctor-step-endpoint");
    await expect(lines).toHaveCount(3);
    await expect(lines.nth(0)).toContainText("login page");
    await expect(lines.nth(0).getByTestId("doctor-fix-code")).toHaveText(`BASE_URL=${login.url}/v1`);
    await expect(lines.nth(1)).toContainText("CDN or gateway error page");
    await expect(lines.nth(1).getByTestId("doctor-fix")).toContainText("relay behind the CDN is down");
    await expect(lines.nth(2).getByTestId("doctor-fix")).toContainText(`${rootOnly.url}/models, without /v1`);
    await expect(doctor.dialog.getByTestId("doctor-endpoint")).toHaveCount(3);
    // The doctor asked the configured hosts only, without the key (the URL form failed first); the
    // only keyed call is the page's model list, on the allow-listed path of the first endpoint.
    for (const m of mocks) expect(m.requests.filter((r) => r.headers.authorization && r.path !== "/console/v1/models"), m.url).toEqual([]);
    expect([...new Set(login.requests.map((r) => r.path))].sort()).toEqual(["/console/models", "/console/v1/models", "/models", "/v1/models"]);
  });
});

test.describe("a buffering proxy in front of the app", () => {
  let mock: MockUpstream;
  const apps: AppServer[] = [];
  const proxies: NginxServer[] = [];
  test.beforeAll(async () => {
    mock = await startMock();
  });
  test.afterAll(async () => {
    for (const p of proxies) await p.stop();
    for (const a of apps) await a.stop();
    await mock?.close();
  });

  // One app each: both proxies reach the app from 127.0.0.1, and each app runs the doctor once a minute per client.
  for (const buffering of [true, false]) {
    test(buffering ? "nginx with proxy_buffering on, X-Accel-Buffering ignored and its default HTTP/1.0 to the app: the stream step warns and shows the nginx lines" : "nginx with the repo's deploy/nginx.conf: the stream step is ok", async ({ page }) => {
      const app = await startAppServer({ BASE_URL: mock.url, OPENAI_API_KEY: "sk-test", CODE, TRUST_PROXY: "1" });
      apps.push(app);
      const nginx = await startNginx(app.port, { buffering });
      proxies.push(nginx);
      const { doctor } = await openDoctor(page, nginx.url);
      await doctor.run({ model: "gpt-4o-mini" });
      await doctor.expectStatuses({ reach: "ok", url: "ok", key: "ok", model: "ok", identity: "ok" });
      if (buffering) {
        await expect(doctor.step("stream")).toHaveAttribute("data-status", "warn");
        await expect(doctor.step("stream")).toHaveAttribute("data-finding", "stream.buffered");
        const code = doctor.step("stream").getByTestId("doctor-fix-code");
        await expect(code).toContainText("proxy_buffering off;");
        await expect(code).toContainText("proxy_http_version 1.1;");
        await expect(doctor.step("stream").getByTestId("doctor-fix")).toContainText("Cloudflare");
      } else {
        await expect(doctor.step("stream")).toHaveAttribute("data-status", "ok");
        // A loaded machine may keep the page from timing the pieces ("could not time it"), never from
        // seeing them stream.
        await expect(doctor.step("stream")).toHaveAttribute("data-finding", /^stream\.(ok|untimed)$/);
      }
    });
  }
});

for (const mode of LAUNCH_MODES) {
  test.describe(`${mode}: BASE_URL ending in a version path`, () => {
    let mock: MockUpstream;
    let app: AppServer;
    test.beforeAll(async () => {
      mock = await startMock({ apiAt: "/api/paas/v4", site: "website" });
      app = await startAppServer({ BASE_URL: `${mock.url}/api/paas/v4/`, OPENAI_API_KEY: "sk-test", CODE }, { mode });
    });
    test.afterAll(async () => {
      await app?.stop();
      await mock?.close();
    });

    test("chat and the model list go to …/api/paas/v4/… without /v1, and the doctor finds the form right", async ({ page }) => {
      const { chat, doctor } = await openDoctor(page, app.url);
      await doctor.close();
      const answer = await chat.ask("hello through a version path");
      await expect(answer.getByTestId("message-content")).toContainText("hello through a version path");
      expect(mock.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/paas/v4/chat/completions"]);
      const list = await (await fetch(`${app.url}/api/models?refresh=1`, { headers: { "x-access-code": CODE } })).json();
      expect(list.live.ok).toBe(true);
      expect(mock.requests.some((r) => r.path === "/api/paas/v4/models" && r.headers.authorization)).toBe(true);
      expect(mock.requests.some((r) => r.path.includes("/v4/v1/"))).toBe(false);

      await doctor.openFromSettings();
      await doctor.run({ model: "gpt-4o-mini" });
      await doctor.expectStatuses({ reach: "ok", url: "ok", key: "ok", model: "ok", stream: "ok", identity: "ok" });
      await expect(doctor.step("url").getByTestId("doctor-finding")).toContainText(`${mock.url}/api/paas/v4`);
    });
  });
}
