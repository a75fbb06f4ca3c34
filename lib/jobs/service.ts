import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";

import { JOB_TIME_ZONE } from "./definition";
import { recentRuns, type JobRunView } from "./queries";
import { JOBS, requireJob } from "./registry";
import { jobRunner, type JobRunResult } from "./runner";
import { nextRunAt } from "./schedule";
import { schedulerDecision } from "./start";

/** How many runs per job the System area shows. */
export const RUNS_PER_JOB = 5;

/** Who runs the scheduled jobs for this instance. */
export type JobRunnerMode = "inngest" | "local" | "off";

export interface JobOverview {
  id: string;
  cron: string;
  timeZone: string;
  nextRunAt: string | null;
  runs: JobRunView[];
}

/** Jobs are the installation's, seen from the caller's organisation. */
function jobResource(ctx: MemberContext) {
  return { type: "job", orgId: ctx.orgId };
}

export function jobRunnerMode(): JobRunnerMode {
  const decision = schedulerDecision();
  if (decision.start) return "local";
  return decision.reason === "inngest" ? "inngest" : "off";
}

/** Every job with its schedule, next run and latest runs. Admins and auditors (job.read). */
export async function listJobs(ctx: MemberContext, now: Date = new Date()): Promise<JobOverview[]> {
  authorize(ctx, "job.read", jobResource(ctx));
  const runs = await recentRuns(
    ctx,
    JOBS.map((job) => job.id),
    RUNS_PER_JOB,
  );
  return JOBS.map((job) => ({
    id: job.id,
    cron: job.cron,
    timeZone: JOB_TIME_ZONE,
    nextRunAt: nextRunAt(job.cron, now)?.toISOString() ?? null,
    runs: runs.get(job.id) ?? [],
  }));
}

/**
 * Runs a job now, for the operator's admins (job.run), and waits for it. The run itself is recorded in job_run
 * like any other; who asked for it goes to the organisation's audit trail.
 */
export async function runJobNow(ctx: MemberContext, jobId: string): Promise<JobRunResult> {
  authorize(ctx, "job.run", jobResource(ctx));
  const job = requireJob(jobId);
  const result = await jobRunner().run(job, "manual");
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "job.run.requested",
      resourceType: "job",
      resourceId: job.id,
      after: { runId: result.runId, status: result.status, counts: result.counts },
    }),
  );
  return result;
}
