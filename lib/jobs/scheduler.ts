import type { JobDefinition } from "./definition";
import { nextRunAt } from "./schedule";

export interface LocalSchedulerOptions {
  jobs: readonly JobDefinition[];
  /** Runs one job now (the job runner, with trigger `cron`). Its result is not the scheduler's concern. */
  run: (job: JobDefinition) => Promise<unknown>;
  /** The clock; tests fix it. */
  now?: () => Date;
  /**
   * The longest single timer. A longer wait is split, and the clock is read again in between, so a
   * suspended machine or a changed clock delays a run by at most this much. Also keeps timers below
   * Node's limit of about 24.8 days.
   */
  maxDelayMs?: number;
  onError?: (job: JobDefinition, error: unknown) => void;
}

/**
 * Runs the jobs on their cron schedules inside this process, for installations without an Inngest
 * server (the embedded default, a single self-hosted box). Several instances may each run one: the
 * job runner's advisory lock lets only one of them run a given job at a time. Runs missed while the
 * process was down are not caught up; the next one comes on schedule. Timers are unref'd, so the
 * scheduler never keeps a process alive; `stop()` clears them and waits for runs in flight.
 */
export class LocalScheduler {
  private readonly options: Required<Omit<LocalSchedulerOptions, "onError">> &
    Pick<LocalSchedulerOptions, "onError">;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly due = new Map<string, Date>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;

  constructor(options: LocalSchedulerOptions) {
    this.options = { now: () => new Date(), maxDelayMs: 60 * 60 * 1000, ...options };
  }

  get running(): boolean {
    return this.started;
  }

  /** When each job runs next (empty once stopped). */
  nextRuns(): ReadonlyMap<string, Date> {
    return new Map(this.due);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.options.jobs) this.planAfter(job, this.options.now());
  }

  /** Stops planning runs and waits for the ones in flight. Safe to call twice. */
  async stop(): Promise<void> {
    this.started = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.due.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private planAfter(job: JobDefinition, after: Date): void {
    const next = nextRunAt(job.cron, after);
    if (!next) {
      this.due.delete(job.id);
      return;
    }
    this.due.set(job.id, next);
    this.wait(job, next);
  }

  private wait(job: JobDefinition, due: Date): void {
    const delay = Math.min(
      Math.max(0, due.getTime() - this.options.now().getTime()),
      this.options.maxDelayMs,
    );
    const timer = setTimeout(() => this.wake(job, due), delay);
    timer.unref?.();
    this.timers.set(job.id, timer);
  }

  private wake(job: JobDefinition, due: Date): void {
    this.timers.delete(job.id);
    if (!this.started) return;
    const now = this.options.now();
    if (now < due) {
      this.wait(job, due); // a split wait: not due yet
      return;
    }
    const run: Promise<void> = this.options
      .run(job)
      .then(() => undefined)
      .catch((error: unknown) =>
        (this.options.onError ?? ((j, e) => console.error(`[jobs] scheduled run of ${j.id} failed`, e)))(
          job,
          error,
        ),
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    // After the later of the due time and now: no second run for the same time, no catching up.
    this.planAfter(job, now > due ? now : due);
  }
}
