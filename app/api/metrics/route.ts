import { timingSafeEqual } from "node:crypto";

import { env } from "@/lib/env";
import { clientIp, isLoopback } from "@/lib/http/client-ip";
import { problemResponse } from "@/lib/http/problem";
import { renderMetrics } from "@/lib/system/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape endpoint. It tells how the instance runs (memory, database, migrations), so it is
 * never public: with METRICS_TOKEN set it wants that token as Bearer; without, a production instance
 * refuses everyone and any other answers only this machine.
 */
export async function GET(request: Request): Promise<Response> {
  const refusal = refusalOf(request);
  if (refusal) return refusal;
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}

function refusalOf(request: Request): Response | null {
  const { METRICS_TOKEN, NODE_ENV } = env();
  const refuse = (status: number, detail: string) =>
    problemResponse(status, { detail, instance: "/api/metrics", headers: { "cache-control": "no-store" } });
  if (METRICS_TOKEN) {
    return sameSecret(request.headers.get("authorization") ?? "", `Bearer ${METRICS_TOKEN}`)
      ? null
      : refuse(401, "Metrics need the metrics token.");
  }
  if (NODE_ENV === "production") return refuse(403, "Metrics need METRICS_TOKEN to be set in production.");
  return isLoopback(clientIp(request.headers))
    ? null
    : refuse(403, "Without METRICS_TOKEN, metrics answer only this machine.");
}

/** Compares in constant time, so the answer's timing does not spell out the token. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
