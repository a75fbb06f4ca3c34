import "server-only";

import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

import { systemContext, withContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { httpRequestDuration } from "@/lib/log/request-stats";

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
  addJobAndOutboxGauges(reg);
  reg.registerMetric(httpRequestDuration);
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

type Sample = { labels?: Record<string, string>; value: number };

/**
 * A gauge read from the database at each scrape: `read` answers its samples. A database that does
 * not answer leaves the gauge empty (freshplan_database_up says why), never a made-up value.
 */
function databaseGauge(
  reg: Registry,
  config: { name: string; help: string; labelNames?: string[] },
  read: () => Promise<Sample[]>,
): void {
  new Gauge({
    ...config,
    labelNames: config.labelNames ?? [],
    registers: [reg],
    async collect() {
      this.reset();
      // A gauge without labels starts at 0; without a sample it must say nothing, not "0".
      if (!config.labelNames?.length) this.remove({});
      let samples: Sample[];
      try {
        samples = await read();
      } catch {
        return;
      }
      for (const { labels, value } of samples) {
        if (labels) this.set(labels, value);
        else this.set(value);
      }
    },
  });
}

/**
 * Backups and alerts (issue 15): the newest good backup's age, the last drill's outcome, and each
 * alert rule's state.
 */
function addSystemGauges(reg: Registry): void {
  const backups = () => withContext(SYSTEM, (tx) => backupState(tx));
  databaseGauge(
    reg,
    {
      name: "freshplan_backup_age_seconds",
      help: "Seconds since the newest good backup started (unset: no good backup yet)",
    },
    async () => {
      const state = await backups();
      return state.lastGoodAt ? [{ value: (Date.now() - Date.parse(state.lastGoodAt)) / 1000 }] : [];
    },
  );
  databaseGauge(
    reg,
    {
      name: "freshplan_backup_drill_passed",
      help: "1 when the newest finished restore drill passed, 0 when it failed (unset: no drill yet)",
    },
    async () => {
      const state = await backups();
      return state.lastDrill ? [{ value: state.lastDrill.status === "passed" ? 1 : 0 }] : [];
    },
  );
  databaseGauge(
    reg,
    {
      name: "freshplan_alert_firing",
      help: "Per alert rule: 1 while it fires, 0 otherwise; the label `state` says ok, pending or firing",
      labelNames: ["metric", "state"],
    },
    async () => {
      const rules = await withContext(
        SYSTEM,
        (tx) =>
          tx.$queryRaw<{ metric: string; state: string | null }[]>`
          SELECT r.metric, e.state FROM alert_rule r
          LEFT JOIN alert_event e ON e.rule_id = r.id AND e.state IN ('pending', 'firing')
          WHERE r.enabled ORDER BY r.metric`,
      );
      return rules.map((r) => ({
        labels: { metric: r.metric, state: r.state ?? "ok" },
        value: r.state === "firing" ? 1 : 0,
      }));
    },
  );
}

/**
 * Jobs and the notification outbox, from the database (the jobs may run in another process,
 * Inngest or the CLI): each job's latest finished run (its duration, labelled with its outcome),
 * its runs of the last 24 hours per outcome, and the outbox's unsent rows per channel and state.
 */
function addJobAndOutboxGauges(reg: Registry): void {
  databaseGauge(
    reg,
    {
      name: "freshplan_job_last_run_duration_seconds",
      help: "Duration of each job's latest finished run; the label `status` says how it ended",
      labelNames: ["job", "status"],
    },
    async () =>
      (
        await withContext(
          SYSTEM,
          (tx) =>
            tx.$queryRaw<{ job_id: string; status: string; seconds: number }[]>`
            SELECT DISTINCT ON (job_id) job_id, status,
                   extract(epoch FROM finished_at - started_at)::float8 AS seconds
            FROM job_run WHERE finished_at IS NOT NULL
            ORDER BY job_id, started_at DESC`,
        )
      ).map((r) => ({ labels: { job: r.job_id, status: r.status }, value: r.seconds })),
  );
  databaseGauge(
    reg,
    {
      name: "freshplan_job_runs_24h",
      help: "Runs of each job started in the last 24 hours, per outcome (running, succeeded, failed, skipped)",
      labelNames: ["job", "status"],
    },
    async () =>
      (
        await withContext(
          SYSTEM,
          (tx) =>
            tx.$queryRaw<{ job_id: string; status: string; runs: number }[]>`
            SELECT job_id, status, count(*)::int AS runs FROM job_run
            WHERE started_at > now() - interval '24 hours' GROUP BY job_id, status`,
        )
      ).map((r) => ({ labels: { job: r.job_id, status: r.status }, value: r.runs })),
  );
  databaseGauge(
    reg,
    {
      name: "freshplan_outbox_messages",
      help: "Notification outbox rows per channel and state (QUEUED and FAILED e-mails are the backlog)",
      labelNames: ["channel", "state"],
    },
    async () => {
      // Each organisation in its own context (the outbox's policies are per organisation).
      const totals = new Map<string, Sample>();
      await forEachOrg(SYSTEM, "metrics", async (tx) => {
        const rows = await tx.$queryRaw<{ channel: string; state: string; n: number }[]>`
          SELECT channel, state, count(*)::int AS n FROM notification_outbox
          WHERE state <> 'SENT' GROUP BY channel, state`;
        for (const { channel, state, n } of rows) {
          const key = `${channel}:${state}`;
          const sample = totals.get(key) ?? { labels: { channel, state }, value: 0 };
          sample.value += n;
          totals.set(key, sample);
        }
      });
      return [...totals.values()];
    },
  );
}
