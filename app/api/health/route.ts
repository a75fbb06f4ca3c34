import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/** For load balancers and monitors: 200 when the database is up and fully migrated, else 503. */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
