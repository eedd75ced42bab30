import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/server/env";
import { serverModelList } from "@/lib/server/live-models";

// Behind the access code (proxy.ts guards every /api route but config and health). Read at
// request time; lib/server/live-models.ts caches the upstream's answer.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: NextRequest) {
  const refresh = request.nextUrl.searchParams.get("refresh") === "1";
  return Response.json(await serverModelList(getEnv(), { refresh }), { headers: { "Cache-Control": "no-store" } });
}
