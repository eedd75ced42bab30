import { buildServerConfig } from "@/lib/server/config";

// Read at request time: one build serves every deployment's env.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildServerConfig(), { headers: { "Cache-Control": "no-store" } });
}
