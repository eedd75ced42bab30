import { NextResponse, type NextRequest } from "next/server";
import { accessErrorResponse, checkAccess } from "@/lib/server/access";
import { getEnv } from "@/lib/server/env";
import { guardErrorHeaders, guardRequest } from "@/lib/server/request-guard";

/**
 * Next 16 request interceptor (formerly middleware; runs on the Node runtime in-process, so it
 * shares globalThis — and the lock-out table — with the route handlers).
 *
 * Every /api route: first the request guard (unknown method 405, non-JSON POST 415, another site's
 * Origin 403; lib/server/request-guard.ts), then the access code, except GET /api/config and
 * GET /api/health. Nothing here logs: headers carry the code (the lock-out store logs refused codes
 * by address and count only). With REDIS_URL the lock-out is shared between instances
 * (lib/server/lockout-store.ts).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const refused = guardRequest({ method: request.method, pathname, headers: request.headers }, { trustProxyHops: getEnv().trustProxyHops });
  if (refused) return refused.toResponse(guardErrorHeaders(refused));
  const denied = await checkAccess({ method: request.method, pathname, headers: request.headers });
  if (denied) return accessErrorResponse(denied);
  return NextResponse.next();
}

export const config = {
  matcher: "/api/:path*",
};
