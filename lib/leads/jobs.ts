import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

import { runLeadProtectionDaily } from "./daily";

/**
 * Once a day (02:15 Berlin time, before the working day): lead-protection reminders through the
 * outbox, release of expired assignments, escalation of stale extension requests, pseudonymisation,
 * and a fresh mv_lead_protection_summary (lib/leads/daily/). Safe to run again or late: every
 * effect happens once. An organisation whose work failed fails the run after the others are done;
 * the error names no organisation (job runs are visible to every organisation's admins), the server
 * log has the details.
 */
export const leadProtectionDaily = defineJob({
  id: "lead-protection-daily",
  cron: "15 2 * * *",
  payload: z.object({}).strict(),
  async handler(_payload, ctx) {
    const counts = await runLeadProtectionDaily({ actor: ctx.db.actor });
    if (counts.failed > 0) {
      throw new JobFailure(
        `Lead protection failed for ${counts.failed} of ${counts.orgs} organisation(s); the server log has the errors.`,
        { ...counts },
      );
    }
    return { ...counts };
  },
});
