import "server-only";
import { z } from "zod";

/**
 * How one environment variable is read: the zod pieces lib/server/env.ts and its env-*.ts
 * modules build their schemas from. Nothing here reads `process.env` (env.ts alone does).
 */

// Docker and Vercel often pass `NAME=` for "unset": treat blank as absent.
export const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const text = z.preprocess(blank, z.string().trim().optional());

export function intVar(fallback: number, min: number) {
  return z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d+$/, { error: `must be a whole number (milliseconds or a count), at least ${min}` })
      .transform(Number)
      .refine((n) => n >= min && Number.isSafeInteger(n), { error: `must be at least ${min}` })
      .optional()
      .transform((n) => n ?? fallback),
  );
}

export const TRUE = ["1", "true", "yes", "on"];
export const FALSE = ["0", "false", "no", "off"];
export const boolVar = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => TRUE.includes(v) || FALSE.includes(v), { error: "must be 1/true/yes/on or 0/false/no/off" })
    .transform((v) => TRUE.includes(v))
    .optional(),
);

// "1"/"true" = one proxy in front (nginx, Vercel); a number = that many proxies (e.g. CDN + nginx).
export const trustProxyVar = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => TRUE.includes(v) || FALSE.includes(v) || /^\d{1,2}$/.test(v), {
      error: "must be 1/true (one proxy in front), 0/false, or the number of trusted proxy hops",
    })
    .transform((v) => (TRUE.includes(v) ? 1 : FALSE.includes(v) ? 0 : Number(v)))
    .optional(),
);

export const proxyUrl = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => /^(https?|socks5?):\/\/[^\s]+$/i.test(v) && URL.canParse(v), { error: "must be a proxy URL like http://host:port" })
    .optional(),
);

/** A comma-separated list, each item trimmed, empty items dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
