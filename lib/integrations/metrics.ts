import "server-only";

import { Counter, Gauge, Histogram } from "prom-client";

import { metricsRegistry } from "@/lib/system/metrics";

/** Prometheus metrics of the calls to vendors, on the instance's registry (/api/metrics). */
export interface IntegrationMetrics {
  calls: Counter<"provider" | "operation" | "outcome">;
  duration: Histogram<"provider" | "operation">;
  /** 0 closed, 1 open, 2 half-open, 3 isolated (cockatiel's CircuitState). */
  breaker: Gauge<"provider" | "target">;
  quotaRemaining: Gauge<"provider" | "target">;
}

const globalForMetrics = globalThis as unknown as { freshplanIntegrationMetrics?: IntegrationMetrics };

export function integrationMetrics(): IntegrationMetrics {
  if (globalForMetrics.freshplanIntegrationMetrics) return globalForMetrics.freshplanIntegrationMetrics;
  const registers = [metricsRegistry()];
  const metrics: IntegrationMetrics = {
    calls: new Counter({
      name: "freshplan_integration_calls_total",
      help: "Calls to vendors through lib/integrations, by provider, operation and outcome",
      labelNames: ["provider", "operation", "outcome"],
      registers,
    }),
    duration: new Histogram({
      name: "freshplan_integration_call_duration_seconds",
      help: "Duration of calls to vendors, all attempts included",
      labelNames: ["provider", "operation"],
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    breaker: new Gauge({
      name: "freshplan_integration_breaker_state",
      help: "Circuit breaker per provider and target (connection or organisation): 0 closed, 1 open, 2 half-open",
      labelNames: ["provider", "target"],
      registers,
    }),
    quotaRemaining: new Gauge({
      name: "freshplan_integration_quota_remaining",
      help: "Requests the vendor said are left in its current window (X-RateLimit-Remaining)",
      labelNames: ["provider", "target"],
      registers,
    }),
  };
  globalForMetrics.freshplanIntegrationMetrics = metrics;
  return metrics;
}
