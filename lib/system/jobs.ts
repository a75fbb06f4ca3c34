import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { evaluateAlerts } from "./alerts";
import { createBackup } from "./backup";
import { runDrill } from "./drill";
import { healthMetrics, healthReport } from "./health-report";

// The System area's jobs (issue 15): the nightly backup, the weekly restore drill, and the alert
// evaluation that watches them and the rest of the installation's health.

const triggerOf = (trigger: "cron" | "manual" | "event") => (trigger === "cron" ? "cron" : "manual");

/** Every night: pg_dump into BACKUP_DIR, then retention. A refusal (no PostgreSQL server, wrong pg_dump) fails the run. */
export const backupNightly = defineJob({
  id: "backup-nightly",
  cron: "15 2 * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const result = await createBackup(triggerOf(ctx.trigger));
    if (result.status === "failed")
      throw new JobFailure(`The backup failed: ${result.error}`, { backups: 0 });
    return { backups: 1, bytes: result.sizeBytes, tables: result.tables, pruned: result.pruned };
  },
});

/** Every Sunday: restores the latest backup into a scratch database and verifies it (RTO, RPO). */
export const backupDrillWeekly = defineJob({
  id: "backup-drill-weekly",
  cron: "45 4 * * 0",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const result = await runDrill(triggerOf(ctx.trigger));
    const counts = {
      checks: result.checks.length,
      failed: result.checks.filter((c) => !c.ok).length,
      rtoSeconds: Math.round(result.rtoSeconds ?? 0),
    };
    if (result.status === "failed") {
      const failed = result.checks.filter((c) => !c.ok).map((c) => `${c.check} (${c.detail})`);
      throw new JobFailure(`The restore drill failed: ${failed.join("; ").slice(0, 1_000)}`, counts);
    }
    return counts;
  },
});

/** Every five minutes: the health report's metrics against the alert rules; notices once per episode. */
export const alertsEvaluate = defineJob({
  id: "alerts-evaluate",
  cron: "*/5 * * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const report = await healthReport(ctx.schedules);
    const counts = await evaluateAlerts(healthMetrics(report));
    return { ...counts };
  },
});
