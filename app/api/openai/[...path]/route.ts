import type { NextRequest } from "next/server";
import { proxyOptionsResponse, proxyResponse } from "@/lib/server/proxy";

// Thin glue: lib/server/proxy.ts decides, validates and relays. The access code was checked in proxy.ts.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// Vercel: allow long streams (the proxy itself has only an idle timeout).
export const maxDuration = 300;

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: NextRequest, context: Context) {
  const { path = [] } = await context.params;
  return proxyResponse({
    method: request.method,
    segments: path,
    search: request.nextUrl.search,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
}

// Exported so Next's automatic OPTIONS (204, Allow listing every exported method) is not used.
async function options(_request: NextRequest, context: Context) {
  const { path = [] } = await context.params;
  return proxyOptionsResponse(path);
}

// Every method answers, so a wrong one gets our 404 path_not_allowed JSON rather than a bare 405.
// HEAD is left to Next, which runs GET's handler with the method HEAD: 404 path_not_allowed too.
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, options as OPTIONS };
