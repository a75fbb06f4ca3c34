/**
 * Durations of this instance's /api/v1 requests per route, for the Logs page's "slow routes": the
 * last WINDOW durations of each route (method and path template, never a real path with ids), in
 * memory. The cheap and honest choice over a row per request in PostgreSQL: nothing is written per
 * request, and the page says what it shows — this instance, since it started, the latest requests
 * of each route. Behind a load balancer each instance knows only its own.
 */

import { Histogram } from "prom-client";

const WINDOW = 500;

/**
 * The same requests for Prometheus (`freshplan_http_request_duration_seconds`, per route and status
 * class): cumulative buckets a scraper turns into rates and quantiles across instances. Registered
 * by lib/system/metrics.ts in the instance's registry.
 */
export const httpRequestDuration = new Histogram({
  name: "freshplan_http_request_duration_seconds",
  help: "Duration of /api/v1 requests per route (method and path template) and status class",
  labelNames: ["route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [],
});
const MAX_ROUTES = 500;

interface RouteWindow {
  durations: number[];
  next: number;
  count: number;
  errors: number;
}

const globalForStats = globalThis as unknown as {
  freshplanRequestStats?: { since: string; routes: Map<string, RouteWindow> };
};
const stats = (globalForStats.freshplanRequestStats ??= {
  since: new Date().toISOString(),
  routes: new Map(),
});

export function recordRequest(route: string, durationMs: number, status: number): void {
  let window = stats.routes.get(route);
  if (!window) {
    // Route names are templates, a bounded set; the cap keeps a bug from growing it without end.
    if (stats.routes.size >= MAX_ROUTES) return;
    window = { durations: [], next: 0, count: 0, errors: 0 };
    stats.routes.set(route, window);
  }
  httpRequestDuration.observe({ route, status: `${Math.floor(status / 100)}xx` }, durationMs / 1000);
  if (window.durations.length < WINDOW) window.durations.push(durationMs);
  else window.durations[window.next] = durationMs;
  window.next = (window.next + 1) % WINDOW;
  window.count += 1;
  if (status >= 500) window.errors += 1;
}

export interface RouteTiming {
  route: string;
  /** Requests since the instance started. */
  count: number;
  /** Of those, answered with 5xx. */
  errors: number;
  /** Over the latest (at most 500) requests. */
  sample: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Every route seen, slowest p95 first. */
export function routeTimings(): { since: string; routes: RouteTiming[] } {
  const routes = [...stats.routes.entries()].map(([route, w]) => {
    const sorted = [...w.durations].sort((a, b) => a - b);
    return {
      route,
      count: w.count,
      errors: w.errors,
      sample: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted[sorted.length - 1],
    };
  });
  routes.sort((a, b) => b.p95Ms - a.p95Ms || a.route.localeCompare(b.route));
  return { since: stats.since, routes };
}

/** Forgets everything (tests). */
export function resetRequestStats(): void {
  stats.routes.clear();
  httpRequestDuration.reset();
  stats.since = new Date().toISOString();
}
