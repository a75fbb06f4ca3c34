import type { Command } from "@/lib/cli/command";
import { systemContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { recentRuns } from "./queries";
import { JOBS, requireJob } from "./registry";
import { jobRunner } from "./runner";
import { nextRunAt } from "./schedule";
import { jobRunnerMode } from "./service";

function parsePayload(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "--payload must be JSON, e.g. '{}'");
  }
}

const count = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ") || "-";

export const jobsCommands: Record<string, Command> = {
  "jobs:list": {
    usage: "jobs:list   # every job, its schedule (Europe/Berlin), next and last run",
    options: [],
    async run() {
      const runs = await recentRuns(
        systemContext("cli"),
        JOBS.map((job) => job.id),
        1,
      );
      const now = new Date();
      console.log(`scheduled jobs run by: ${jobRunnerMode()}`);
      for (const job of JOBS) {
        const last = runs.get(job.id)?.[0];
        const next = nextRunAt(job.cron, now)?.toISOString() ?? "never";
        const lastText = last
          ? `${last.status} at ${last.startedAt} (${last.trigger}${last.durationMs === null ? "" : `, ${last.durationMs} ms`}, ${count(last.counts)})`
          : "never ran";
        console.log(`${job.id}\t${job.cron}\tnext ${next}\tlast ${lastText}`);
      }
    },
  },
  "jobs:run": {
    usage:
      "jobs:run <job-id>|--job <job-id> [--payload <json>]   # run now, wait, print counts; exit 1 unless it succeeded",
    options: ["job", "payload"],
    positionals: ["job-id"],
    async run(options, args) {
      const id = args[0] ?? options.job;
      if (!id) throw new AppError("bad_request", "<job-id> is required");
      if (args[0] && options.job && args[0] !== options.job) {
        throw new AppError("bad_request", "give the job once: <job-id> or --job <job-id>");
      }
      const job = requireJob(id);
      const result = await jobRunner().run(job, "manual", parsePayload(options.payload));
      console.log(`${job.id}: ${result.status} in ${result.durationMs} ms (run ${result.runId})`);
      for (const [name, value] of Object.entries(result.counts)) console.log(`${name}: ${value}`);
      if (result.status === "skipped") console.error("error: another run of this job is in progress");
      if (result.status === "failed") console.error(`error: ${result.error ?? "the run failed"}`);
      return result.status === "succeeded" ? 0 : 1;
    },
  },
};
