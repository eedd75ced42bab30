// Types for e2e/mock-scenarios.mjs (used by lib/upstream/errors.relays.test.ts).
export interface MockErrorResponse {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}
export const ERRORS: Record<string, () => MockErrorResponse>;
export const SCENARIO_NAMES: string[];
export function errorResponse(name: string): MockErrorResponse;
export function resolveScenario(name: string): Record<string, unknown> | null;
export const BILLING: Record<string, () => MockErrorResponse>;
