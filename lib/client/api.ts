/**
 * Browser-side calls to our own server (config, access check) and the choice of endpoint for
 * API calls: our proxy with the access code, or the user's own endpoint and key directly.
 */
import { AppError, parseErrorInfo } from "@/lib/errors";
import { classifyUpstreamError } from "@/lib/upstream/errors";
import { frontBodyLimitError } from "@/lib/upstream/body-limit";
import { joinApiUrl } from "@/lib/upstream/base-url";
import { networkError } from "./network-failure";
import { parseServerConfig } from "./server-config";

import type { ServerConfig } from "@/lib/api-types";

export type { ServerConfig };
export { networkError };

export interface ApiTarget {
  /** "server": our /api/openai proxy; "direct": the user's own endpoint. */
  via: "server" | "direct";
  accessCode: string;
  apiKey: string;
  baseUrl: string;
}

export interface RequestSpec {
  url: string;
  headers: Record<string, string>;
}

/** Where a call to an allow-listed API path goes, with which headers. */
export function requestFor(target: ApiTarget, apiPath: string): RequestSpec {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (target.via === "direct") {
    headers.Authorization = `Bearer ${target.apiKey}`;
    return { url: joinApiUrl(target.baseUrl, apiPath), headers };
  }
  if (target.accessCode) headers["x-access-code"] = target.accessCode;
  return { url: `/api/openai/${apiPath.replace(/^\/+/, "")}`, headers };
}

/**
 * Turns any failed response into an AppError: our own error JSON, or a raw upstream body. From our
 * server (`via` "server"), a 413 in another shape was sent by whatever stands in front of it.
 */
export async function errorFromResponse(res: Response, via: ApiTarget["via"] = "server"): Promise<AppError> {
  const text = await res.text().catch(() => "");
  try {
    const info = parseErrorInfo(JSON.parse(text));
    if (info) return new AppError(info);
  } catch {
    /* not JSON: classify the raw body below */
  }
  if (via === "server" && res.status === 413) return frontBodyLimitError(text, res.headers);
  return classifyUpstreamError(res.status, text, res.headers);
}

export async function fetchConfig(): Promise<ServerConfig> {
  let res: Response;
  try {
    res = await fetch("/api/config", { cache: "no-store" });
  } catch (err) {
    throw networkError(err, "server");
  }
  if (!res.ok) throw await errorFromResponse(res);
  return parseServerConfig(await res.json());
}

export type AccessCheck = { ok: true } | { ok: false; error: AppError; retryAfterSec?: number };

/** Asks the server whether `code` opens it. */
export async function checkAccessCode(code: string): Promise<AccessCheck> {
  let res: Response;
  try {
    // The server takes only JSON POSTs on /api/* (lib/server/request-guard.ts).
    res = await fetch("/api/access", { method: "POST", headers: { "Content-Type": "application/json", "x-access-code": code }, body: "{}" });
  } catch (err) {
    return { ok: false, error: networkError(err, "server") };
  }
  if (res.ok) return { ok: true };
  const retry = Number(res.headers.get("retry-after"));
  return { ok: false, error: await errorFromResponse(res), retryAfterSec: Number.isFinite(retry) && retry > 0 ? retry : undefined };
}
