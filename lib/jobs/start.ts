import "server-only";

import { env, inngestConfig } from "@/lib/env";

import { JOBS } from "./registry";
import { jobRunner } from "./runner";
import { LocalScheduler } from "./scheduler";

const globalForScheduler = globalThis as unknown as { freshplanScheduler?: LocalScheduler };

export type SchedulerDecision = { start: true } | { start: false; reason: "build" | "inngest" | "off" };

/** Whether this process runs the jobs itself: not while building, not when Inngest runs them, not when switched off. */
export function schedulerDecision(): SchedulerDecision {
  const e = env();
  if (e.NEXT_PHASE === "phase-production-build") return { start: false, reason: "build" };
  if (inngestConfig()) return { start: false, reason: "inngest" };
  if (e.LOCAL_SCHEDULER === "off") return { start: false, reason: "off" };
  return { start: true };
}

/**
 * Called once per server process from instrumentation.ts: starts the local scheduler when Inngest is
 * not configured and LOCAL_SCHEDULER is not `off`. Idempotent, so a re-evaluated module (dev server)
 * does not start a second one. Never throws: a server without its scheduler still serves, and says why.
 */
export function startLocalScheduler(): LocalScheduler | null {
  if (globalForScheduler.freshplanScheduler?.running) return globalForScheduler.freshplanScheduler;
  let decision: SchedulerDecision;
  try {
    decision = schedulerDecision();
  } catch (error) {
    console.error("[jobs] local scheduler not started:", error instanceof Error ? error.message : error);
    return null;
  }
  if (!decision.start) {
    if (decision.reason === "inngest")
      console.info("[jobs] Inngest is configured and runs the jobs (/api/inngest)");
    if (decision.reason === "off")
      console.info("[jobs] LOCAL_SCHEDULER=off: this instance runs no scheduled jobs");
    return null;
  }
  const scheduler = new LocalScheduler({ jobs: JOBS, run: (job) => jobRunner().run(job, "cron") });
  scheduler.start();
  globalForScheduler.freshplanScheduler = scheduler;
  const plan = [...scheduler.nextRuns()].map(([id, at]) => `${id} next at ${at.toISOString()}`).join(", ");
  console.info(`[jobs] local scheduler started: ${plan}`);
  return scheduler;
}

/** Stops this process's local scheduler, if one runs, and waits for its runs in flight. */
export async function stopLocalScheduler(): Promise<void> {
  await globalForScheduler.freshplanScheduler?.stop();
  globalForScheduler.freshplanScheduler = undefined;
}
