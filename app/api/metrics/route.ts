import { env } from "@/lib/env";
import { problemResponse } from "@/lib/http/problem";
import { renderMetrics } from "@/lib/system/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint. With METRICS_TOKEN set, it wants that token as Bearer. */
export async function GET(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (token && request.headers.get("authorization") !== `Bearer ${token}`) {
    return problemResponse(401, { detail: "Metrics need the metrics token.", instance: "/api/metrics" });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
