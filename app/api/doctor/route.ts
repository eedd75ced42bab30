import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { clientAddress, peerHookActive } from "@/lib/server/client-address";
import { doctorLimiter, doctorRateLimited } from "@/lib/server/doctor-limit";
import { MAX_DOCTOR_BODY_BYTES, parseDoctorRequest } from "@/lib/server/doctor-request";
import { runServerDoctor } from "@/lib/server/doctor-run";
import { getEnv } from "@/lib/server/env";
import { readBodyLimited } from "@/lib/server/proxy-request";

// The connection doctor for the server's upstream. Behind the access code (proxy.ts guards every
// /api route but config and health); served by Next on both servers, like /api/models.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// A slow relay's completion plus the identity questions can take a while.
export const maxDuration = 300;

export async function POST(request: NextRequest) {
  const env = getEnv();
  try {
    const body = parseDoctorRequest(await readBodyLimited(request.body, request.headers.get("content-length"), MAX_DOCTOR_BODY_BYTES));
    const client = clientAddress(request.headers, { trustProxyHops: env.trustProxyHops, peerHookActive: peerHookActive() });
    const permit = doctorLimiter().take(client);
    if (!permit.ok) return doctorRateLimited(permit.retryAfterSec).toResponse({ "Retry-After": String(permit.retryAfterSec) });
    return Response.json(await runServerDoctor(env, body), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError) return err.toResponse();
    throw err;
  }
}
