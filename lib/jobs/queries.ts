import "server-only";

import { withContext, type DbContext } from "@/lib/db";

import type { JobCounts, JobStatus, JobTrigger } from "./definition";

/** One row of job_run, as the System area and the CLI show it. */
export interface JobRunView {
  id: string;
  jobId: string;
  trigger: JobTrigger;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: JobCounts;
  error: string | null;
}

/**
 * The latest runs of each job, newest first. Runs in `db`'s context: row-level security lets admins,
 * auditors and the system read job_run, and nobody else.
 */
export async function recentRuns(
  db: DbContext,
  jobIds: readonly string[],
  perJob: number,
): Promise<Map<string, JobRunView[]>> {
  const rows = await withContext(db, async (tx) => {
    const perJobRows = [];
    for (const jobId of jobIds) {
      perJobRows.push(
        await tx.jobRun.findMany({
          where: { jobId },
          orderBy: [{ startedAt: "desc" }, { id: "asc" }],
          take: perJob,
        }),
      );
    }
    return perJobRows;
  });
  return new Map(
    jobIds.map((jobId, i) => [
      jobId,
      rows[i].map((r) => ({
        id: r.id,
        jobId: r.jobId,
        trigger: r.trigger as JobTrigger,
        status: r.status as JobStatus,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
        counts: r.counts as JobCounts,
        error: r.error,
      })),
    ]),
  );
}
