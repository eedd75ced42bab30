import { BUILD_INFO } from "@/lib/build-info";

export const dynamic = "force-dynamic";

/** Liveness for Docker's HEALTHCHECK and load balancers, and the running build for pages to compare. */
export function GET() {
  return Response.json({ ok: true, ...BUILD_INFO }, { headers: { "Cache-Control": "no-store" } });
}
