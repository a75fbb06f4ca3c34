import "server-only";

import { statfs } from "node:fs/promises";

import { aiProviderStatus } from "@/lib/ai/service";
import { forEachOrg } from "@/lib/db/orgs";
import { systemContext, withContext } from "@/lib/db";
import { circuitStates } from "@/lib/integrations/resilience";

import { backupDir } from "./backup";
import { backupSupport, type BackupSupport } from "./backup-pg";
import { backupState, type BackupState } from "./backup-queries";
import { checkHealth } from "./health";

/**
 * The System area's health report (issue 15): what checkHealth (health.ts: reachable, migrations)
 * knows, plus the database's latency, each job's lag against its schedule, the e-mail outbox's
 * backlog, which AI providers are configured, the integrations' circuit breakers (this instance's),
 * the backups' age and last drill, and the free disk of BACKUP_DIR. `healthMetrics` turns it into
 * the numbers the alert rules watch (alerts.ts).
 */

/**
 * A job's schedule as the job layer knows it: its id and when it next runs after a moment. Given by
 * the caller (lib/jobs/service.ts `jobSchedules`, or a job's context), since a domain does not
 * import lib/jobs.
 */
export interface JobSchedule {
  id: string;
  nextRunAt(after: Date): Date | null;
}

export interface JobLag {
  id: string;
  lastRunAt: string | null;
  lastStatus: string | null;
  /** Minutes the job is overdue: since the run its schedule wanted after its last run; null: never ran. */
  lagMinutes: number | null;
}

export interface HealthReport {
  checkedAt: string;
  database: { up: boolean; latencyMs: number | null };
  migrations: { applied: number; pending: string[] };
  jobs: JobLag[];
  outbox: { backlog: number | null };
  ai: { openai: boolean; anthropic: boolean };
  circuits: { provider: string; target: string; state: "closed" | "open" | "half_open" }[];
  backups: BackupState & { support: BackupSupport };
  disk: { dir: string; freeBytes: number; totalBytes: number } | null;
}

const SYSTEM = systemContext("health");

async function jobLags(schedules: readonly JobSchedule[], now: Date): Promise<JobLag[]> {
  const runs = await withContext(
    SYSTEM,
    (tx) =>
      tx.$queryRaw<{ job_id: string; started_at: Date; status: string }[]>`
      SELECT DISTINCT ON (job_id) job_id, started_at, status FROM job_run
      WHERE status <> 'skipped'
      ORDER BY job_id, started_at DESC`,
  );
  const last = new Map(runs.map((r) => [r.job_id, r]));
  return schedules.map((job) => {
    const run = last.get(job.id);
    if (!run) return { id: job.id, lastRunAt: null, lastStatus: null, lagMinutes: null };
    const due = job.nextRunAt(run.started_at);
    const lag = due ? Math.max(0, (now.getTime() - due.getTime()) / 60_000) : 0;
    return { id: job.id, lastRunAt: run.started_at.toISOString(), lastStatus: run.status, lagMinutes: lag };
  });
}

/** E-mails queued and not yet delivered, in every organisation (each read in its own context). */
async function outboxBacklog(): Promise<number> {
  let backlog = 0;
  await forEachOrg(SYSTEM, "health", async (tx) => {
    backlog += await tx.notificationOutbox.count({
      where: { channel: "EMAIL", state: { in: ["QUEUED", "SENDING"] } },
    });
  });
  return backlog;
}

async function diskOf(dir: string): Promise<HealthReport["disk"]> {
  // The directory may not exist before the first backup: its nearest existing parent's disk.
  for (let path = dir; ;) {
    try {
      const s = await statfs(path);
      return { dir, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch {
      const parent = path.replace(/\/[^/]*$/, "") || "/";
      if (parent === path) return null;
      path = parent;
    }
  }
}

export async function healthReport(
  schedules: readonly JobSchedule[],
  now: Date = new Date(),
): Promise<HealthReport> {
  const basic = await checkHealth();
  const up = basic.database === "up";
  let latencyMs: number | null = null;
  if (up) {
    const start = performance.now();
    await withContext(SYSTEM, (tx) => tx.$queryRaw`SELECT 1`);
    latencyMs = performance.now() - start;
  }
  const dir = backupDir();
  return {
    checkedAt: now.toISOString(),
    database: { up, latencyMs },
    migrations: basic.migrations,
    jobs: up ? await jobLags(schedules, now) : [],
    outbox: { backlog: up ? await outboxBacklog() : null },
    ai: aiProviderStatus(),
    circuits: circuitStates(),
    backups: {
      ...(up
        ? await withContext(SYSTEM, (tx) => backupState(tx, now))
        : { ageHours: null, lastGoodAt: null, lastDrill: null }),
      support: await backupSupport(),
    },
    disk: await diskOf(dir),
  };
}

/** The metrics alert rules watch (alert_rule.metric); null: not known now, the rule waits. */
export const ALERT_METRICS = [
  "backup.age_hours",
  "backup.drill_failed",
  "database.latency_ms",
  "migrations.pending",
  "jobs.lag_minutes",
  "outbox.backlog",
  "integrations.circuits_open",
  "disk.backup_free_mb",
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export function healthMetrics(report: HealthReport): Record<AlertMetric, number | null> {
  const lags = report.jobs.map((j) => j.lagMinutes).filter((l): l is number => l !== null);
  return {
    // Without backup support (the embedded database) there is nothing to be late: the page says why.
    "backup.age_hours": report.backups.support.ok ? report.backups.ageHours : null,
    "backup.drill_failed": report.backups.lastDrill
      ? report.backups.lastDrill.status === "failed"
        ? 1
        : 0
      : null,
    "database.latency_ms": report.database.up ? report.database.latencyMs : null,
    "migrations.pending": report.database.up ? report.migrations.pending.length : null,
    "jobs.lag_minutes": lags.length > 0 ? Math.max(...lags) : null,
    "outbox.backlog": report.outbox.backlog,
    "integrations.circuits_open": report.circuits.filter((c) => c.state === "open").length,
    "disk.backup_free_mb": report.disk ? report.disk.freeBytes / 1_048_576 : null,
  };
}
