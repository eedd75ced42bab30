// Shared helpers of the browser benchmarks (bench/*.mjs): start and stop the built standalone app
// and the mock upstream on 127.0.0.1, launch Debian's Chromium like playwright.config.ts does,
// medians, the machine's load, and one machine-readable result line per script.
//
// Result protocol (read by bench/run-all.mjs; any bench script may adopt it): the script prints
//   BENCH_RESULT {"bench":"name","figures":[{"name","value","unit","target","better":"lower"|"higher","pass"}],"load":[1,5,15]}
// on a line of its own. Scripts report; they do not assert, and exit 0 unless they could not run.
//
// The helpers live by concern under bench/lib/; this module gathers them for the scripts.
import { launchBrowser } from "./lib/browser.mjs";
import { ensureBuild, startStack } from "./lib/servers.mjs";

export * from "./lib/paths.mjs";
export * from "./lib/args.mjs";
export * from "./lib/servers.mjs";
export * from "./lib/browser.mjs";
export * from "./lib/report.mjs";
// Generated test content lives in bench/lib/content.mjs; re-exported for the scripts.
export * from "./lib/content.mjs";

export async function withStack(main, env = {}) {
  ensureBuild();
  const stack = await startStack(env);
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await stack.stop().catch(() => undefined);
  };
  const onSignal = () => cleanup().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    browser = await launchBrowser();
    return await main({ stack, browser });
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
