/** POST /api/doctor: the server's checks of its own upstream, with its own key. */
import type { ErrorInfo } from "@/lib/errors";
import type { DoctorReport } from "@/lib/relay/doctor/types";
import { errorFromResponse } from "./api";
import { networkError } from "./network-failure";

export type ServerDoctorAnswer = { ok: true; report: DoctorReport } | { ok: false; error: ErrorInfo; retryAfterSec?: number };

export async function requestServerDoctor(accessCode: string, body: { model: string; identity: boolean }): Promise<ServerDoctorAnswer> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (accessCode) headers["x-access-code"] = accessCode;
  let res: Response;
  try {
    res = await fetch("/api/doctor", { method: "POST", headers, body: JSON.stringify(body), cache: "no-store" });
  } catch (err) {
    return { ok: false, error: networkError(err, "server").toInfo() };
  }
  if (!res.ok) {
    const retry = Number(res.headers.get("retry-after"));
    return { ok: false, error: (await errorFromResponse(res)).toInfo(), ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSec: retry } : {}) };
  }
  const report = (await res.json().catch(() => null)) as DoctorReport | null;
  if (!report || !Array.isArray(report.steps) || !Array.isArray(report.endpoints)) {
    return { ok: false, error: { code: "unknown", status: res.status, message: "The server's doctor answer could not be read" } };
  }
  return { ok: true, report };
}
