/**
 * Runs once when the server process starts (Next calls register() before serving requests):
 * validates the environment eagerly, so a bad value stops the standalone server at boot with a
 * message naming the variable, and installs the hook that records each request's socket address
 * for the access-code lock-out (see lib/server/boot.ts, lib/server/client-address.ts).
 *
 * `process.env.NEXT_RUNTIME` is the one env read outside lib/server/env.ts: Next inlines it at
 * build time to tell the Node server from the edge runtime, where node: modules do not exist.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/server/boot");
    boot();
  }
}
