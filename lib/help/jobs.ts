import "server-only";

import { z } from "zod";

import { systemContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { applyStopRules } from "./experiments";

/**
 * Every hour: the stop rule of every running help A/B test (lib/help/experiments.ts) — a variant or
 * control that reached the win probability with the minimum sample per arm, or the end of its
 * window, stops the experiment (audited as this job). Safe to run twice: a stopped experiment is no
 * longer running.
 */
export const helpExperimentsStop = defineJob({
  id: "help-experiments-stop",
  cron: "5 * * * *",
  payload: z.object({}).strict(),
  async handler() {
    let stopped = 0;
    const { orgs, failed } = await forEachOrg(
      systemContext("help-experiments-stop"),
      "help-experiments-stop",
      async (tx, ctx) => {
        stopped += await applyStopRules(tx, ctx);
      },
    );
    const counts = { orgs, stopped, failed };
    if (failed > 0) throw new JobFailure(`Help experiments failed in ${failed} organisation(s).`, counts);
    return counts;
  },
});
