import type { AccessOk } from "@/lib/api-types";

export const dynamic = "force-dynamic";

// proxy.ts has already checked `x-access-code` (401/429 otherwise); reaching here means it is right.
export function POST() {
  const body: AccessOk = { ok: true };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
