import { expect, type Page } from "@playwright/test";

/**
 * Opens `url` with the page's scripts held until the returned function is called: the
 * server-rendered HTML is on screen meanwhile, as on a slow phone before its scripts have run.
 */
export async function openWithScriptsHeld(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/[^/?]+\.js(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  // The load event waits for the held scripts: only the HTML is awaited.
  await page.goto(url, { waitUntil: "commit" });
  await expect(page.getByTestId("composer-input")).toBeVisible();
  return release;
}
