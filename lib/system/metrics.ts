import "server-only";

import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

import { checkHealth } from "./health";

const globalForMetrics = globalThis as unknown as { freshplanMetrics?: Registry };

function registry(): Registry {
  if (globalForMetrics.freshplanMetrics) return globalForMetrics.freshplanMetrics;
  const reg = new Registry();
  collectDefaultMetrics({ register: reg, prefix: "freshplan_" });
  const pending = new Gauge({
    name: "freshplan_migrations_pending",
    help: "Migrations shipped with this build but not applied to the database",
    registers: [reg],
  });
  new Gauge({
    name: "freshplan_database_up",
    help: "1 when PostgreSQL answered the last scrape's health check",
    registers: [reg],
    async collect() {
      const health = await checkHealth();
      this.set(health.database === "up" ? 1 : 0);
      pending.set(health.migrations.pending.length);
    },
  });
  globalForMetrics.freshplanMetrics = reg;
  return reg;
}

/** Prometheus text exposition of this instance's metrics. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const reg = registry();
  return { body: await reg.metrics(), contentType: reg.contentType };
}
