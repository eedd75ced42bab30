import { defineConfig } from "@playwright/test";
import chromiumArgs from "./e2e/chromium-args.json";

// Debian's chromium: Playwright's own browser download cannot work on these machines.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  // Two files at a time: the specs mostly wait on streams and timers, and every file starts its own
  // app, mock upstream and browser on free ports. E2E_WORKERS=1 runs them one by one.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Shared with bench/lib.mjs: no sandbox (root), software rendering, no background traffic.
      args: chromiumArgs,
    },
  },
});
