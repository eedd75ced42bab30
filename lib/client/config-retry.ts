/**
 * The first config request of a start, tried again a few times before the page gives up with an
 * error card: a dropped connection or a proxy's 502 while the app restarts behind it are usually
 * gone a moment later. Offline and the server's own refusals are answered at once.
 */
import { AppError } from "@/lib/errors";

/** Pauses before the second, third and fourth try: about 3.5 s in all. */
export const CONFIG_RETRY_DELAYS_MS: readonly number[] = [300, 1000, 2200];

const PASSING_STATUSES = new Set([502, 503, 504]);

/** Whether a failed config request may pass if asked again. */
export function worthRetrying(err: unknown): boolean {
  if (!(err instanceof AppError)) return false;
  if (err.code === "network") return true;
  return PASSING_STATUSES.has(err.status);
}

export async function withConfigRetries<T>(
  ask: () => Promise<T>,
  delays: readonly number[] = CONFIG_RETRY_DELAYS_MS,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (err) {
      if (attempt >= delays.length || !worthRetrying(err)) throw err;
      await wait(delays[attempt]);
    }
  }
}
