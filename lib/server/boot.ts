import "server-only";
import { accessLockoutStore } from "./access";
import { EnvError, getEnv, getListenConfig, type ListenConfig } from "./env";
import { installPeerAddressHook } from "./peer-address";

/** Runs `read`, or stops the process with a message naming the bad variable(s). */
function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof EnvError) {
      // Stop here with a message naming the variable, rather than serve 500s on every request.
      console.error(`\n${err.message}\n\nFix the variable(s) above and start the server again.\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** Node-server start-up, called from instrumentation.ts register(). */
export function boot(): void {
  validated(getEnv);
  installPeerAddressHook();
  // Connects to Redis (REDIS_URL) now, so shared lock-outs are loaded before the first request.
  accessLockoutStore();
}

/** Start-up of the standalone server (server/fast-server.ts): the same, plus where to listen. */
export function bootStandalone(): ListenConfig {
  const listen = validated(() => {
    getEnv();
    return getListenConfig();
  });
  installPeerAddressHook();
  accessLockoutStore();
  return listen;
}
