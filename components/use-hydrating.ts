"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * `server` on the server and while React hydrates the prerendered page (whose render must be
 * repeated exactly), `client` from the render right after. Only a component whose two values
 * differ renders again after hydration.
 */
export function useAfterHydration<T>(client: T, server: T): T {
  return useSyncExternalStore(noSubscription, () => client, () => server);
}

/**
 * true on the server and while React hydrates. Controls that would take input before React handles
 * it (typed text React would then drop) stay disabled until then.
 */
export function useHydrating(): boolean {
  return useAfterHydration(false, true);
}
