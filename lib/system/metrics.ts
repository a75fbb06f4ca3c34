import "server-only";

import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

import { systemContext, withContext } from "@/lib/db";

import { backupState } from "./backup-queries";
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
  addSystemGauges(reg);
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

const SYSTEM = systemContext("metrics");

/**
 * Backups and alerts (issue 15), read at each scrape: the newest good backup's age, the last
 * drill's outcome, and each alert rule's state. A database that does not answer leaves them unset
 * (freshplan_database_up says why), never a made-up value.
 */
function addSystemGauges(reg: Registry): void {
  new Gauge({
    name: "freshplan_backup_age_seconds",
    help: "Seconds since the newest good backup started (unset: no good backup yet)",
    registers: [reg],
    async collect() {
      this.reset();
      try {
        const state = await withContext(SYSTEM, (tx) => backupState(tx));
        if (state.lastGoodAt) this.set((Date.now() - Date.parse(state.lastGoodAt)) / 1000);
      } catch {
        // The database is down: freshplan_database_up reports it.
      }
    },
  });
  new Gauge({
    name: "freshplan_backup_drill_passed",
    help: "1 when the newest finished restore drill passed, 0 when it failed (unset: no drill yet)",
    registers: [reg],
    async collect() {
      this.reset();
      try {
        const state = await withContext(SYSTEM, (tx) => backupState(tx));
        if (state.lastDrill) this.set(state.lastDrill.status === "passed" ? 1 : 0);
      } catch {
        // As above.
      }
    },
  });
  new Gauge({
    name: "freshplan_alert_firing",
    help: "Per alert rule: 1 while it fires, 0 otherwise; the label `state` says ok, pending or firing",
    labelNames: ["metric", "state"],
    registers: [reg],
    async collect() {
      this.reset();
      try {
        const rules = await withContext(
          SYSTEM,
          (tx) =>
            tx.$queryRaw<{ metric: string; state: string | null }[]>`
            SELECT r.metric, e.state FROM alert_rule r
            LEFT JOIN alert_event e ON e.rule_id = r.id AND e.state IN ('pending', 'firing')
            WHERE r.enabled ORDER BY r.metric`,
        );
        for (const r of rules)
          this.set({ metric: r.metric, state: r.state ?? "ok" }, r.state === "firing" ? 1 : 0);
      } catch {
        // As above.
      }
    },
  });
}
