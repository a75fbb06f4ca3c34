import "server-only";

import { cron, eventType, NonRetriableError, type Inngest } from "inngest";

import type { JobDefinition, JobTrigger } from "./definition";
import { JOBS } from "./registry";
import { jobRunner, type JobRunResult } from "./runner";
import { inngestCron } from "./schedule";

/** The event that runs a job through Inngest on demand; its data is the job's payload. */
export function jobEventName(jobId: string): `jobs/${string}.requested` {
  return `jobs/${jobId}.requested`;
}

/** Inngest's event for a cron trigger. */
const CRON_EVENT = "inngest/scheduled.timer";

export type RunJob = (job: JobDefinition, trigger: JobTrigger, payload: unknown) => Promise<JobRunResult>;

const runWithThisProcess: RunJob = (job, trigger, payload) => jobRunner().run(job, trigger, payload);

/**
 * The Inngest function of one job: a thin wrapper around the same runner the local scheduler and
 * the CLI use, on the job's cron schedule (in Europe/Berlin) and on its `jobs/<id>.requested` event.
 * One step, so a retried request does not run the job again once it has run. A failed run is
 * recorded in job_run by the runner and fails the Inngest run without retries: the next scheduled
 * run is the retry. Inngest runs one at a time (concurrency 1); the runner's lock is the second wall.
 */
export function createJobFunction(client: Inngest, job: JobDefinition, run: RunJob = runWithThisProcess) {
  return client.createFunction(
    {
      id: job.id,
      name: job.id,
      triggers: [cron(inngestCron(job.cron)), eventType(jobEventName(job.id))],
      concurrency: { limit: 1 },
      retries: 2,
    },
    async ({ event, step }) => {
      const trigger: JobTrigger = event.name === CRON_EVENT ? "cron" : "event";
      const result = await step.run(job.id, () => run(job, trigger, trigger === "event" ? event.data : {}));
      if (result.status === "failed") {
        throw new NonRetriableError(
          `Job ${job.id} failed (run ${result.runId}): ${result.error ?? "unknown error"}`,
        );
      }
      return result;
    },
  );
}

/** Every job as an Inngest function, for app/api/inngest/route.ts. */
export function createJobFunctions(client: Inngest, run?: RunJob) {
  return JOBS.map((job) => createJobFunction(client, job, run));
}
