import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { runFeedbackMail } from "./invitations";

/**
 * The samples domain's jobs (listed in lib/jobs/registry.ts). Each handler is one service call:
 * invitations.ts and sentiment.ts say what they do and why running them twice does no harm.
 */

/** Every morning (07:30 Berlin): invitations for test phases that ended, and the one reminder. */
export const samplesFeedbackDaily = defineJob({
  id: "samples-feedback-daily",
  cron: "30 7 * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const counts = await runFeedbackMail({ actor: ctx.db.actor });
    if (counts.failed > 0) {
      throw new JobFailure(
        `Feedback mail failed for ${counts.failed} of ${counts.orgs} organisation(s); the server log has the errors.`,
        { ...counts },
      );
    }
    return { ...counts };
  },
});

/** Every 10 minutes: feedback.sentiment for new comments, when AI is configured. */
export const samplesFeedbackSentiment = defineJob({
  id: "samples-feedback-sentiment",
  cron: "*/10 * * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    // Loaded when it runs: the AI providers' SDKs stay out of every module that lists the jobs.
    const { runFeedbackSentiment } = await import("./sentiment");
    const counts = await runFeedbackSentiment({ actor: ctx.db.actor });
    if (counts.failed > 0) {
      throw new JobFailure(
        `Sentiment failed for ${counts.failed} comment(s); the server log has the errors.`,
        {
          ...counts,
        },
      );
    }
    return { ...counts };
  },
});
