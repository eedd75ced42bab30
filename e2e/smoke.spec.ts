import { expect, test } from "./fixtures";
import { startAppServer, type AppServer } from "./app-server";

let app: AppServer;
test.beforeAll(async () => {
  app = await startAppServer({});
});
test.afterAll(async () => app?.stop());

test("the page loads with a composer", async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByTestId("composer-input")).toBeVisible();
});
