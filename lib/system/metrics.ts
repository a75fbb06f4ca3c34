import "server-only";

import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

import { checkHealth } from "./health";

const globalForMetrics = globalThis as unknown as { freshplanMetrics?: Registry };

const AUDIT_HEAD = "freshplan_audit_chain_head";

/** This instance's registry; domains add their own metrics to it (lib/integrations/metrics.ts). */
export function metricsRegistry(): Registry {
  return registry();
}

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
  new Gauge({
    name: AUDIT_HEAD,
    help: "Last event id of each audit chain as this instance last published it (job audit-chain-heads); its hash is a label",
    labelNames: ["chain", "hash"],
    registers: [reg],
  });
  globalForMetrics.freshplanMetrics = reg;
  return reg;
}

/**
 * The audit chains' heads just published (lib/audit/heads.ts): one series per chain, valued with
 * its last event id and labelled with that event's hash, so a scrape history kept outside the
 * database remembers what each chain looked like. Replaces the previous publication's series.
 */
export function setAuditChainHeads(heads: readonly { chain: string; eventId: string; hash: string }[]): void {
  const gauge = registry().getSingleMetric(AUDIT_HEAD) as Gauge<"chain" | "hash">;
  gauge.reset();
  for (const head of heads) gauge.set({ chain: head.chain, hash: head.hash }, Number(head.eventId));
}

/** Prometheus text exposition of this instance's metrics. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const reg = registry();
  return { body: await reg.metrics(), contentType: reg.contentType };
}
