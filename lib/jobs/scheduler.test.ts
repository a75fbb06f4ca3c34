import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import type { JobDefinition } from "./definition";
import { LocalScheduler } from "./scheduler";

const job = (id: string, cron: string): JobDefinition => ({
  id,
  cron,
  payload: z.object({}),
  handler: async () => ({}),
});

const quarterly = job("every-quarter-hour", "*/15 * * * *");
const nightly = job("nightly", "30 3 * * *");

/** A scheduler on the fake clock that notes when (fake time) each job was started. */
function recordingScheduler(jobs: JobDefinition[], run?: (job: JobDefinition) => Promise<unknown>) {
  const started: string[] = [];
  const scheduler = new LocalScheduler({
    jobs,
    run: (j) => {
      started.push(`${j.id}@${new Date().toISOString()}`);
      return run ? run(j) : Promise.resolve();
    },
  });
  return { scheduler, started };
}

describe("LocalScheduler (fixed clock)", () => {
  beforeEach(() => {
    // 28 March 2026, 23:50 UTC = 00:50 CET on the night before the switch to summer time.
    vi.useFakeTimers({ now: new Date("2026-03-28T23:50:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("plans each job's next run from its cron in Europe/Berlin", () => {
    const { scheduler } = recordingScheduler([quarterly, nightly]);
    scheduler.start();
    expect(Object.fromEntries([...scheduler.nextRuns()].map(([id, at]) => [id, at.toISOString()]))).toEqual({
      "every-quarter-hour": "2026-03-29T00:00:00.000Z",
      // 03:30 CEST: the clocks have gone forward by then.
      nightly: "2026-03-29T01:30:00.000Z",
    });
  });

  it("runs jobs when they are due, and plans the following run", async () => {
    const { scheduler, started } = recordingScheduler([quarterly, nightly]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000); // 00:00 UTC
    expect(started).toEqual(["every-quarter-hour@2026-03-29T00:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(100 * 60 * 1000); // 01:40 UTC
    // Two jobs due at the same instant start in no particular order.
    expect([...started].sort()).toEqual([
      "every-quarter-hour@2026-03-29T00:00:00.000Z",
      "every-quarter-hour@2026-03-29T00:15:00.000Z",
      "every-quarter-hour@2026-03-29T00:30:00.000Z",
      "every-quarter-hour@2026-03-29T00:45:00.000Z",
      "every-quarter-hour@2026-03-29T01:00:00.000Z",
      "every-quarter-hour@2026-03-29T01:15:00.000Z",
      "every-quarter-hour@2026-03-29T01:30:00.000Z",
      "nightly@2026-03-29T01:30:00.000Z",
    ]);
    expect(scheduler.nextRuns().get("nightly")?.toISOString()).toBe("2026-03-30T01:30:00.000Z");
    await scheduler.stop();
  });

  it("splits a long wait and reads the clock again, so a day-long wait is still on time", async () => {
    const { scheduler, started } = recordingScheduler([nightly]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(26 * 60 * 60 * 1000); // 28 Mar 23:50 → 30 Mar 01:50 UTC
    expect(started).toEqual(["nightly@2026-03-29T01:30:00.000Z", "nightly@2026-03-30T01:30:00.000Z"]);
    await scheduler.stop();
  });

  it("keeps planning after a run fails, and reports the failure", async () => {
    const errors: string[] = [];
    const scheduler = new LocalScheduler({
      jobs: [quarterly],
      run: () => Promise.reject(new Error("database down")),
      onError: (j, e) => errors.push(`${j.id}: ${(e as Error).message}`),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(25 * 60 * 1000);
    expect(errors).toEqual(["every-quarter-hour: database down", "every-quarter-hour: database down"]);
    expect(scheduler.nextRuns().get("every-quarter-hour")?.toISOString()).toBe("2026-03-29T00:30:00.000Z");
    await scheduler.stop();
  });

  it("stops cleanly: no timers left, no further runs, and stop() waits for the run in flight", async () => {
    let finish: () => void = () => undefined;
    const { scheduler, started } = recordingScheduler(
      [quarterly, nightly],
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    scheduler.start();
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000); // the quarter-hour job starts and hangs
    expect(started).toHaveLength(1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // still waiting for the run in flight
    expect(vi.getTimerCount()).toBe(0);
    expect(scheduler.running).toBe(false);
    expect(scheduler.nextRuns().size).toBe(0);

    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(started).toHaveLength(1);
    await scheduler.stop(); // twice is fine
  });

  it("does not start twice, and can start again after stopping", async () => {
    const { scheduler, started } = recordingScheduler([quarterly]);
    scheduler.start();
    scheduler.start();
    expect(vi.getTimerCount()).toBe(1);
    await scheduler.stop();
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(started).toEqual(["every-quarter-hour@2026-03-29T00:00:00.000Z"]);
    await scheduler.stop();
  });
});
