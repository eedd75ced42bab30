import "server-only";
import { z } from "zod";
import { blank } from "./env-vars";

/** REDIS_URL: where access-code lock-outs are shared between instances (lib/server/redis-lockouts.ts). */
export interface RedisConfig {
  /** The full URL, password included: behind a function so logging the env object cannot leak it. */
  url: () => string;
  /** The URL without user or password, for logs. */
  label: string;
}

// redis:// or rediss:// (TLS, e.g. Upstash). The value is never echoed: it may carry a password.
export const redisUrlVar = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\/[^\s]+$/i.test(v) && URL.canParse(v) && new URL(v).hostname !== "", {
      error: "must be a URL like redis://host:6379 or rediss://user:password@host:6379",
    })
    .optional(),
);

/** A REDIS_URL fit for a log line: scheme, host, port and database, never the user or password. */
export function redactRedisUrl(url: string): string {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== "/" ? u.pathname : "";
  return `${u.protocol}//${u.host}${db}`;
}

export function redisConfig(url: string): RedisConfig {
  return { url: () => url, label: redactRedisUrl(url) };
}
