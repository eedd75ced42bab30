import { NextResponse, type NextRequest } from "next/server";
import { accessErrorResponse, checkAccess } from "@/lib/server/access";

/**
 * Next 16 request interceptor (formerly middleware; runs on the Node runtime in-process, so it
 * shares globalThis — and the lock-out table — with the route handlers).
 *
 * Guards every /api route except GET /api/config and GET /api/health with the access code.
 * Nothing here logs: headers carry the code (the lock-out store logs refused codes by address and
 * count only). With REDIS_URL the lock-out is shared between instances (lib/server/lockout-store.ts).
 */
export async function proxy(request: NextRequest) {
  const denied = await checkAccess({ method: request.method, pathname: request.nextUrl.pathname, headers: request.headers });
  if (denied) return accessErrorResponse(denied);
  return NextResponse.next();
}

export const config = {
  matcher: "/api/:path*",
};
