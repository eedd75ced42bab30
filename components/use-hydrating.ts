"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * true on the server and while React hydrates the prerendered page, whose render must be repeated
 * exactly; false from the render right after. Controls that would take input before React handles
 * it (typed text React would then drop) stay disabled until then.
 */
export function useHydrating(): boolean {
  return useSyncExternalStore(noSubscription, () => false, () => true);
}
