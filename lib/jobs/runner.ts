import "server-only";

import { systemContext, withContext, type Tx } from "@/lib/db";
import { log } from "@/lib/log";
import { AppError } from "@/lib/errors";

import {
  JobFailure,
  type JobCounts,
  type JobDefinition,
  type JobStatus,
  type JobTrigger,
} from "./definition";
import { tryJobLock, type TryJobLock } from "./lock";
import { JOBS, requireJob } from "./registry";
import { nextRunAt } from "./schedule";

/** One finished (or skipped) run, as job_run holds it. JSON only, so Inngest can memoize it. */
export interface JobRunResult {
  runId: string;
  jobId: string;
  trigger: JobTrigger;
  status: Exclude<JobStatus, "running">;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  counts: JobCounts;
  error: string | null;
}

/** job_run.error keeps this much of a message; the full error goes to the log. */
const MAX_ERROR_LENGTH = 2000;

interface RunRow {
  id: string;
  started_at: Date;
  finished_at: Date;
  status: Exclude<JobStatus, "running">;
  counts: JobCounts;
  error: string | null;
}

function toResult(job: JobDefinition, trigger: JobTrigger, row: RunRow): JobRunResult {
  return {
    runId: row.id,
    jobId: job.id,
    trigger,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    durationMs: row.finished_at.getTime() - row.started_at.getTime(),
    counts: row.counts,
    error: row.error,
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** A run that did not start because another one of the same job is running. */
function recordSkipped(tx: Tx, job: JobDefinition, trigger: JobTrigger) {
  return tx.$queryRaw<RunRow[]>`
    INSERT INTO job_run (job_id, trigger, status, started_at, finished_at)
    SELECT ${job.id}, ${trigger}, 'skipped', t, t FROM (SELECT clock_timestamp() AS t) now
    RETURNING id, started_at, finished_at, status, counts, error`;
}

/**
 * Starts a run. Called with the job's lock held, so a `running` row of this job left behind is one
 * whose instance stopped before it could finish it: it is closed as failed first.
 */
async function recordStart(tx: Tx, job: JobDefinition, trigger: JobTrigger) {
  await tx.$executeRaw`
    UPDATE job_run SET status = 'failed', finished_at = greatest(clock_timestamp(), started_at),
                       error = 'Interrupted: the instance running it stopped before the run finished.'
    WHERE job_id = ${job.id} AND status = 'running'`;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO job_run (job_id, trigger, status) VALUES (${job.id}, ${trigger}, 'running') RETURNING id`;
  return row.id;
}

function recordEnd(
  tx: Tx,
  runId: string,
  outcome: { status: "succeeded" | "failed"; counts: JobCounts; error: string | null },
) {
  return tx.$queryRaw<RunRow[]>`
    UPDATE job_run SET status = ${outcome.status}, finished_at = greatest(clock_timestamp(), started_at),
                       counts = ${JSON.stringify(outcome.counts)}::jsonb, error = ${outcome.error}
    WHERE id = ${runId}::uuid
    RETURNING id, started_at, finished_at, status, counts, error`;
}

/**
 * Runs jobs so that each runs at most once at a time across every instance: an in-process guard
 * (cheap, and the only separation on the embedded PGlite, which is one session), then the job's
 * PostgreSQL advisory lock. A run that finds the job busy is recorded as `skipped`, not queued.
 * Every run is recorded in job_run, in the system context: trigger, start, end, status, counts and
 * the error of a failed one. A failing handler is a failed run, not an exception; only a bad payload
 * or a database that cannot record the run throws.
 */
/** Every job's id and when it next runs after a moment (in JOB_TIME_ZONE, as scheduled). */
export function jobSchedules(): { id: string; nextRunAt(after: Date): Date | null }[] {
  return JOBS.map((job) => ({ id: job.id, nextRunAt: (after: Date) => nextRunAt(job.cron, after) }));
}

export class JobRunner {
  private readonly running = new Set<string>();

  constructor(private readonly tryLock: TryJobLock = tryJobLock) {}

  async run(job: JobDefinition, trigger: JobTrigger, payload: unknown = {}): Promise<JobRunResult> {
    const parsed = job.payload.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new AppError("bad_request", `Invalid payload for job "${job.id}": ${parsed.error.message}`);
    }
    const db = systemContext(job.id);
    const skip = async () =>
      toResult(job, trigger, (await withContext(db, (tx) => recordSkipped(tx, job, trigger)))[0]);

    if (this.running.has(job.id)) return skip();
    this.running.add(job.id);
    try {
      const lock = await this.tryLock(job.id);
      if (!lock) return await skip();
      try {
        const runId = await withContext(db, (tx) => recordStart(tx, job, trigger));
        let outcome: { status: "succeeded" | "failed"; counts: JobCounts; error: string | null };
        try {
          outcome = {
            status: "succeeded",
            counts: await job.handler(parsed.data, { jobId: job.id, trigger, db, schedules: jobSchedules() }),
            error: null,
          };
        } catch (error) {
          // A JobFailure is an expected outcome with its own message; anything else gets its stack.
          if (error instanceof JobFailure)
            log().error(
              { requestId: `job-${runId}`, route: `job ${job.id}`, jobId: job.id, runId, trigger },
              `job ${job.id} failed: ${error.message}`,
            );
          else
            log().error(
              {
                requestId: `job-${runId}`,
                route: `job ${job.id}`,
                jobId: job.id,
                runId,
                trigger,
                err: error,
              },
              `job ${job.id} failed`,
            );
          outcome = {
            status: "failed",
            counts: error instanceof JobFailure ? error.counts : {},
            error: errorText(error),
          };
        }
        const [row] = await withContext(db, (tx) => recordEnd(tx, runId, outcome));
        const result = toResult(job, trigger, row);
        log().info(
          {
            requestId: `job-${runId}`,
            route: `job ${job.id}`,
            jobId: job.id,
            runId,
            trigger,
            outcome: outcome.status,
            durationMs: result.durationMs,
          },
          "job run",
        );
        return result;
      } finally {
        await lock.release();
      }
    } finally {
      this.running.delete(job.id);
    }
  }
}

const globalForJobs = globalThis as unknown as { freshplanJobRunner?: JobRunner };

/** This process's runner (one per process, so its in-process guard sees every run here). */
export function jobRunner(): JobRunner {
  globalForJobs.freshplanJobRunner ??= new JobRunner();
  return globalForJobs.freshplanJobRunner;
}

/** Runs the job with this id now and waits for it. Unknown id → AppError not_found. */
export function runJob(jobId: string, trigger: JobTrigger, payload?: unknown): Promise<JobRunResult> {
  return jobRunner().run(requireJob(jobId), trigger, payload);
}
