import "server-only";
import { z } from "zod";
import { blank } from "./env-vars";

/** MAX_REQUEST_MB: the largest request body the proxy takes, and the page keeps its requests under. */

const MIB = 1024 * 1024;
/** MAX_REQUEST_MB's default, and the most it may be: next.config.mjs lets Next pass bodies this large. */
export const DEFAULT_MAX_REQUEST_MB = 16;
export const MAX_REQUEST_MB_CEILING = 32;
/** What the page keeps a request under on Vercel, whose functions refuse bodies over 4.5 MB. */
export const VERCEL_MAX_REQUEST_BYTES = 4 * MIB;

export const maxRequestMbVar = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: `must be a number of megabytes (MiB) from 1 to ${MAX_REQUEST_MB_CEILING}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_REQUEST_MB_CEILING, { error: `must be from 1 to ${MAX_REQUEST_MB_CEILING} (MiB)` })
    .optional(),
);

/** The limit in bytes. On Vercel the platform's limit wins whatever MAX_REQUEST_MB says: it cannot be raised. */
export function requestLimit(mb: number | undefined, vercel: boolean): number {
  const bytes = Math.floor((mb ?? DEFAULT_MAX_REQUEST_MB) * MIB);
  return vercel ? Math.min(bytes, VERCEL_MAX_REQUEST_BYTES) : bytes;
}
