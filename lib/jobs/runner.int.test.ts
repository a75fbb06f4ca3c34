import pg from "pg";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { isAppError } from "@/lib/errors";
import { testDatabaseUrl } from "@/test/env";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { defineJob, JobFailure, type JobCounts } from "./definition";
import { JobRunner } from "./runner";

// The job runner against the real PostgreSQL: every run recorded in job_run, one run of a job at a
// time across runners (instances) through the advisory lock, failures recorded with their error.

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A job whose handler waits until released, and says when it has started. */
function blockingJob(id: string) {
  const started = deferred();
  const release = deferred();
  let calls = 0;
  const job = defineJob({
    id,
    cron: "*/15 * * * *",
    payload: z.object({}).strict(),
    async handler(): Promise<JobCounts> {
      calls += 1;
      started.resolve();
      await release.promise;
      return { done: calls };
    },
  });
  return { job, started: started.promise, release: release.resolve, calls: () => calls };
}

async function runsOf(jobId: string) {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{
      id: string;
      trigger: string;
      status: string;
      started_at: Date;
      finished_at: Date | null;
      counts: JobCounts;
      error: string | null;
    }>(
      "SELECT id, trigger, status, started_at, finished_at, counts, error FROM job_run WHERE job_id = $1 ORDER BY started_at, id",
      [jobId],
    );
    return rows;
  });
}

describe("JobRunner", () => {
  it("records a run: trigger, start, end, status and counts", async () => {
    const job = defineJob({
      id: "test-counting",
      cron: "0 * * * *",
      payload: z.object({ n: z.number().int().default(3) }).strict(),
      handler: async ({ n }) => ({ deleted: n, kept: 1 }),
    });

    const result = await new JobRunner().run(job, "manual", { n: 7 });

    expect(result).toMatchObject({
      jobId: job.id,
      trigger: "manual",
      status: "succeeded",
      counts: { deleted: 7, kept: 1 },
      error: null,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [row] = await runsOf(job.id);
    expect(row).toMatchObject({
      id: result.runId,
      trigger: "manual",
      status: "succeeded",
      counts: { deleted: 7, kept: 1 },
      error: null,
    });
    expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    expect(row.started_at.toISOString()).toBe(result.startedAt);
  });

  it("runs the same job started twice at once only once: one succeeded, one skipped, both recorded", async () => {
    const { job, started, release, calls } = blockingJob("test-twice-in-process");
    const runner = new JobRunner();

    const first = runner.run(job, "cron");
    await started;
    const second = await runner.run(job, "manual");
    release();

    expect(second).toMatchObject({ status: "skipped", trigger: "manual", counts: {}, durationMs: 0 });
    expect(await first).toMatchObject({ status: "succeeded", trigger: "cron", counts: { done: 1 } });
    expect(calls()).toBe(1);
    expect((await runsOf(job.id)).map((r) => `${r.trigger}:${r.status}`).sort()).toEqual([
      "cron:succeeded",
      "manual:skipped",
    ]);
  });

  it("runs it once across two instances, each with its own connections (the advisory lock)", async () => {
    const { job, started, release, calls } = blockingJob("test-twice-across-instances");
    const instanceA = new JobRunner();
    const instanceB = new JobRunner();

    const first = instanceA.run(job, "cron");
    await started;
    const [second, third] = await Promise.all([instanceB.run(job, "cron"), instanceB.run(job, "event")]);
    release();

    expect(await first).toMatchObject({ status: "succeeded" });
    expect([second.status, third.status]).toEqual(["skipped", "skipped"]);
    expect(calls()).toBe(1);
    const rows = await runsOf(job.id);
    expect(rows.map((r) => r.status).sort()).toEqual(["skipped", "skipped", "succeeded"]);

    // Once the first has finished and released the lock, the other instance runs it again.
    expect(await instanceB.run(job, "manual")).toMatchObject({ status: "succeeded", counts: { done: 2 } });
  });

  it("skips while another session (another process) holds the job's lock, and runs once it is free", async () => {
    const job = defineJob({
      id: "test-locked-elsewhere",
      cron: "0 3 * * *",
      payload: z.object({}).strict(),
      handler: async () => ({ ran: 1 }),
    });
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`job:${job.id}`]);
      expect(await new JobRunner().run(job, "cron")).toMatchObject({ status: "skipped" });
      await other.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`job:${job.id}`]);
      expect(await new JobRunner().run(job, "cron")).toMatchObject({
        status: "succeeded",
        counts: { ran: 1 },
      });
    } finally {
      await other.end();
    }
    // And the lock is free again after the run (no session kept it).
    const free = await asSuperuser((client) =>
      client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [
        `job:${job.id}`,
      ]),
    );
    expect(free.rows[0].locked).toBe(true);
  });

  it("records a failing handler as failed, with its error, and frees the job for the next run", async () => {
    let fail = true;
    const job = defineJob({
      id: "test-failing",
      cron: "0 3 * * *",
      payload: z.object({}).strict(),
      async handler() {
        if (fail) throw new Error('relation "missing_table" does not exist');
        return { ok: 1 };
      },
    });
    const runner = new JobRunner();

    const failed = await runner.run(job, "cron");
    expect(failed).toMatchObject({
      status: "failed",
      counts: {},
      error: 'relation "missing_table" does not exist',
    });
    fail = false;
    expect(await runner.run(job, "cron")).toMatchObject({ status: "succeeded" });

    const rows = await runsOf(job.id);
    expect(rows.map((r) => [r.status, r.error])).toEqual([
      ["failed", 'relation "missing_table" does not exist'],
      ["succeeded", null],
    ]);
    expect(rows[0].finished_at).not.toBeNull();
  });

  it("keeps the counts of a run that did its work and then failed (JobFailure)", async () => {
    const job = defineJob({
      id: "test-job-failure",
      cron: "0 3 * * *",
      payload: z.object({}).strict(),
      handler: async () => {
        throw new JobFailure("2 of 10 checks failed", { checked: 10, broken: 2 });
      },
    });
    const result = await new JobRunner().run(job, "event");
    expect(result).toMatchObject({
      status: "failed",
      counts: { checked: 10, broken: 2 },
      error: "2 of 10 checks failed",
    });
  });

  it("closes a run an instance left 'running' (it died) as failed before the next run", async () => {
    const job = defineJob({
      id: "test-interrupted",
      cron: "0 3 * * *",
      payload: z.object({}).strict(),
      handler: async () => ({}),
    });
    await asSuperuser((client) =>
      client.query(
        "INSERT INTO job_run (job_id, trigger, status, started_at) VALUES ($1, 'cron', 'running', now() - interval '1 hour')",
        [job.id],
      ),
    );

    await new JobRunner().run(job, "cron");

    const rows = await runsOf(job.id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(rows[0].error).toMatch(/^Interrupted/);
    expect(rows[0].finished_at).not.toBeNull();
  });

  it("refuses a payload its schema does not accept, and records nothing", async () => {
    const job = defineJob({
      id: "test-bad-payload",
      cron: "0 3 * * *",
      payload: z.object({ days: z.number().int().min(1).default(1) }).strict(),
      handler: async () => ({}),
    });
    const error = await rejectionOf(new JobRunner().run(job, "event", { days: 0, extra: true }));
    expect(isAppError(error) && error.kind).toBe("bad_request");
    expect(await runsOf(job.id)).toEqual([]);
  });
});
