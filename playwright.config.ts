import { defineConfig } from "@playwright/test";
import chromiumArgs from "./e2e/chromium-args.json";

// Debian's chromium: Playwright's own browser download cannot work on these machines.
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  // One file at a time: on two cores two workers were no faster (each test's browser and servers
  // fill a core). Every file starts its own stack on free ports, so E2E_WORKERS=2 works on bigger machines.
  workers: Number(process.env.E2E_WORKERS) || 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // Recording a trace for every test made the suite a quarter slower (chat + prompts: 104 → 80 s),
    // and a CI run's traces are not kept; E2E_TRACE=1 records them when chasing a failure.
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    launchOptions: {
      executablePath,
      // Shared with bench/lib.mjs: no sandbox (root), software rendering, no background traffic.
      args: chromiumArgs,
    },
  },
});
