import "server-only";

import { authorize } from "@/lib/auth/policy";
import { withContext, type MemberContext } from "@/lib/db";
import type { TJobKpi } from "@/lib/system/kpis-schemas";

import type { JobStatus } from "./definition";
import { JOBS } from "./registry";
import { nextRunAt } from "./schedule";

/**
 * The jobs' part of the System KPIs (lib/system/kpis.ts): per job its latest run, its runs and
 * failures in the last `days` days, and its lag against its schedule: how long ago the run after
 * the latest one was due (0 while it is not due yet). Jobs are the installation's, so every
 * organisation's admins and auditors see the same figures (job.read).
 */
export async function jobKpis(ctx: MemberContext, days: number, now: Date = new Date()): Promise<TJobKpi[]> {
  authorize(ctx, "job.read", { type: "job", orgId: ctx.orgId });
  const since = new Date(now.getTime() - days * 86_400_000);
  const { latest, period } = await withContext(ctx, async (tx) => ({
    latest: await tx.$queryRaw<{ job_id: string; started_at: Date; status: JobStatus }[]>`
      SELECT DISTINCT ON (job_id) job_id, started_at, status FROM job_run
      ORDER BY job_id, started_at DESC, id`,
    period: await tx.$queryRaw<{ job_id: string; runs: number; failures: number }[]>`
      SELECT job_id, count(*)::int AS runs, count(*) FILTER (WHERE status = 'failed')::int AS failures
      FROM job_run WHERE started_at >= ${since} GROUP BY job_id`,
  }));
  const last = new Map(latest.map((r) => [r.job_id, r]));
  const counts = new Map(period.map((r) => [r.job_id, r]));
  return JOBS.map((job) => {
    const run = last.get(job.id);
    const due = run ? nextRunAt(job.cron, run.started_at) : null;
    return {
      id: job.id,
      lastRunAt: run?.started_at.toISOString() ?? null,
      lastStatus: run?.status ?? null,
      runs: counts.get(job.id)?.runs ?? 0,
      failures: counts.get(job.id)?.failures ?? 0,
      lagSeconds: due ? Math.max(0, Math.floor((now.getTime() - due.getTime()) / 1000)) : null,
    };
  });
}
