import "server-only";

import { z } from "zod";

import { defineJob, JobFailure } from "@/lib/jobs/definition";

/**
 * Every minute: delivers the outbox's due e-mails (lib/integrations/mail/deliver.ts). Safe to run
 * concurrently: rows are claimed with FOR UPDATE SKIP LOCKED and a state, so none is sent twice.
 */
export const outboxDeliver = defineJob({
  id: "outbox-deliver",
  cron: "* * * * *",
  payload: z.object({ batch: z.number().int().min(1).max(500).default(50) }).strict(),
  async handler(payload, { db }) {
    // Loaded on first run: the registry (and the Inngest route) stay light without nodemailer.
    const { deliverOutbox } = await import("./mail/deliver");
    const counts = await deliverOutbox(db, { batch: payload.batch });
    if (counts.orgsFailed > 0) {
      throw new JobFailure(`Outbox delivery failed in ${counts.orgsFailed} organisation(s).`, { ...counts });
    }
    return { ...counts };
  },
});
