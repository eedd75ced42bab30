import { NextResponse, type NextRequest } from "next/server";
import { accessErrorResponse, checkAccess } from "@/lib/server/access";
import { getEnv } from "@/lib/server/env";
import { guardErrorHeaders, guardRequest } from "@/lib/server/request-guard";
import { firstScreenPath } from "@/lib/server/first-screen";
import { LANGUAGE_COOKIE } from "@/lib/i18n";

/**
 * Next 16 request interceptor (formerly middleware; runs on the Node runtime in-process, so it
 * shares globalThis — and the lock-out table — with the route handlers).
 *
 * Every /api route: first the request guard (unknown method 405, non-JSON POST 415, another site's
 * Origin 403; lib/server/request-guard.ts), then the access code, except GET /api/config and
 * GET /api/health. Nothing here logs: headers carry the code (the lock-out store logs refused codes
 * by address and count only). With REDIS_URL the lock-out is shared between instances
 * (lib/server/lockout-store.ts).
 *
 * "/": served from the server-rendered chat shell in the request's language when no code is
 * needed (lib/server/first-screen.ts), else from the page that waits for the config; with a code,
 * the shells' own addresses (/start/…) serve that waiting page too.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/") return firstScreen(request);
  if (pathname.startsWith("/start/")) return startPage(request);
  const refused = guardRequest({ method: request.method, pathname, headers: request.headers }, { trustProxyHops: getEnv().trustProxyHops });
  if (refused) return refused.toResponse(guardErrorHeaders(refused));
  const denied = await checkAccess({ method: request.method, pathname, headers: request.headers });
  if (denied) return accessErrorResponse(denied);
  return NextResponse.next();
}

/**
 * Whether a code is required. A server set up wrongly counts as one: its pages then wait for
 * /api/config, which says what is wrong.
 */
function codeRequired(): boolean {
  try {
    return getEnv().codeRequired;
  } catch {
    return true;
  }
}

function firstScreen(request: NextRequest) {
  const path = firstScreenPath({
    codeRequired: codeRequired(),
    chosen: request.cookies.get(LANGUAGE_COOKIE)?.value ?? null,
    acceptLanguage: request.headers.get("accept-language"),
  });
  return path ? NextResponse.rewrite(new URL(path, request.url)) : NextResponse.next();
}

/** The first screens' own addresses show the chat shell only where "/" would. */
function startPage(request: NextRequest) {
  return codeRequired() ? NextResponse.rewrite(new URL("/", request.url)) : NextResponse.next();
}

export const config = {
  matcher: ["/", "/start/:path*", "/api/:path*"],
};
