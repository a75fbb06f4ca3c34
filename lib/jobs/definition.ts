import type { z } from "zod";

import type { DbContext } from "@/lib/db";

/** What a run did, by name: `{ deleted: 12 }`, `{ checked: 340, broken: 0 }`. */
export type JobCounts = Record<string, number>;

export const JOB_TRIGGERS = ["cron", "manual", "event"] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

export const JOB_STATUSES = ["running", "succeeded", "failed", "skipped"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Every schedule is read in the company's time zone, by Inngest and by the local scheduler alike. */
export const JOB_TIME_ZONE = "Europe/Berlin";

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  trigger: JobTrigger;
  /** The database context the job works in: no organisation, role `system`. */
  db: DbContext;
  /**
   * Every job's schedule, for a job that watches the others (alerts-evaluate: each job's lag);
   * given here because a domain does not import the registry.
   */
  schedules: readonly { id: string; nextRunAt(after: Date): Date | null }[];
}

/**
 * One job: an id, a cron schedule (minute hour day month weekday, read in JOB_TIME_ZONE), a zod
 * payload (a cron run gets `{}`, so every field needs a default) and a handler that is a plain,
 * idempotent service call returning counts. Safe to run twice or concurrently: the runner also
 * makes sure only one instance runs it at a time.
 */
export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  id: string;
  cron: string;
  payload: P;
  // A method, not a function property, so a registry of different payload types type-checks.
  handler(payload: z.output<P>, ctx: JobContext): Promise<JobCounts>;
}

/** Keeps the payload type of a definition while the registry holds them side by side. */
export function defineJob<P extends z.ZodType>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}

/**
 * Thrown by a handler whose run must count as failed although it did its work, with the counts it
 * reached (audit-chain-verify: the chain was checked and is broken).
 */
export class JobFailure extends Error {
  readonly counts: JobCounts;

  constructor(message: string, counts: JobCounts) {
    super(message);
    this.name = "JobFailure";
    this.counts = counts;
  }
}
