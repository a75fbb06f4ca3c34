import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { createInngestClient } from "./client";
import { defineJob, type JobTrigger } from "./definition";
import { createJobFunction, createJobFunctions, jobEventName, type RunJob } from "./functions";
import { JOBS } from "./registry";
import type { JobRunResult } from "./runner";

// The Inngest functions are thin: they hand the trigger and payload to the job runner (here a stub;
// lib/jobs/jobs.int.test.ts runs one against the database) and turn a failed run into a failed
// Inngest run. A fresh engine per test: the engine caches step results between executions.

const client = createInngestClient(undefined);

const job = defineJob({
  id: "test-thin-wrapper",
  cron: "*/5 * * * *",
  payload: z.object({ limit: z.number().int().default(10) }).strict(),
  handler: async () => ({}),
});

function runResult(trigger: JobTrigger, overrides: Partial<JobRunResult> = {}): JobRunResult {
  return {
    runId: "00000000-0000-4000-8000-000000000001",
    jobId: job.id,
    trigger,
    status: "succeeded",
    startedAt: "2026-11-29T10:00:00.000Z",
    finishedAt: "2026-11-29T10:00:00.250Z",
    durationMs: 250,
    counts: { deleted: 3 },
    error: null,
    ...overrides,
  };
}

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: "TZ=Europe/Berlin */5 * * * *" } };

describe("a job's Inngest function", () => {
  it("runs the job with trigger cron and an empty payload on its schedule, in one step", async () => {
    const run = vi.fn<RunJob>(async (_job, trigger) => runResult(trigger));
    const engine = new InngestTestEngine({ function: createJobFunction(client, job, run) });

    const { result, error, ctx } = await engine.execute({ events: [cronEvent] });

    expect(error).toBeUndefined();
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(job, "cron", {});
    expect(result).toEqual(runResult("cron"));
    expect(ctx.step.run).toHaveBeenCalledWith(job.id, expect.any(Function));
  });

  it("runs the job with trigger event and the event's data as payload", async () => {
    const run = vi.fn<RunJob>(async (_job, trigger) => runResult(trigger));
    const engine = new InngestTestEngine({ function: createJobFunction(client, job, run) });

    const { result } = await engine.execute({ events: [{ name: jobEventName(job.id), data: { limit: 2 } }] });

    expect(run).toHaveBeenCalledWith(job, "event", { limit: 2 });
    expect(result).toMatchObject({ trigger: "event", status: "succeeded" });
  });

  it("returns a skipped run as it is: another instance ran the job", async () => {
    const run = vi.fn<RunJob>(async (_job, trigger) => runResult(trigger, { status: "skipped", counts: {} }));
    const engine = new InngestTestEngine({ function: createJobFunction(client, job, run) });

    const { result, error } = await engine.execute({ events: [cronEvent] });

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "skipped" });
  });

  it("fails the Inngest run, without retries, when the job's run failed", async () => {
    const run = vi.fn<RunJob>(async (_job, trigger) =>
      runResult(trigger, { status: "failed", error: "The audit trail is broken in 1 chain(s)" }),
    );
    const engine = new InngestTestEngine({ function: createJobFunction(client, job, run) });

    const { error } = await engine.execute({ events: [cronEvent] });

    expect(run).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringContaining("The audit trail is broken in 1 chain(s)"),
    });
  });

  it("fails the Inngest run when the runner throws (a database that cannot record the run)", async () => {
    const run = vi.fn<RunJob>(async () => {
      throw new Error("connection refused");
    });
    const engine = new InngestTestEngine({ function: createJobFunction(client, job, run) });

    const { error } = await engine.execute({ events: [cronEvent] });

    expect(error).toMatchObject({ message: expect.stringContaining("connection refused") });
  });
});

describe("createJobFunctions", () => {
  it("makes one function per registered job, on its cron in Europe/Berlin and its own event", () => {
    const functions = createJobFunctions(client);
    expect(functions.map((fn) => fn.id())).toEqual(JOBS.map((j) => j.id));
    for (const [i, fn] of functions.entries()) {
      expect(fn.opts).toMatchObject({
        triggers: [{ cron: `TZ=Europe/Berlin ${JOBS[i].cron}` }, { event: `jobs/${JOBS[i].id}.requested` }],
        concurrency: { limit: 1 },
      });
    }
  });
});
