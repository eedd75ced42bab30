import "server-only";
import { EnvError, getEnv } from "./env";
import { installPeerAddressHook } from "./peer-address";

/** Node-server start-up, called from instrumentation.ts register(). */
export function boot(): void {
  try {
    getEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      // Stop here with a message naming the variable, rather than serve 500s on every request.
      console.error(`\n${err.message}\n\nFix the variable(s) above and start the server again.\n`);
      process.exit(1);
    }
    throw err;
  }
  installPeerAddressHook();
}
