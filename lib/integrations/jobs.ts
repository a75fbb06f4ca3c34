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

/**
 * Every minute: hands the webhook inbox's received events to their provider's handler
 * (lib/integrations/webhooks.ts). Safe to run concurrently: events are claimed with
 * FOR UPDATE SKIP LOCKED. A failed event stays FAILED until an admin replays it.
 */
export const webhookProcess = defineJob({
  id: "webhook-process",
  cron: "* * * * *",
  payload: z.object({ batch: z.number().int().min(1).max(500).default(100) }).strict(),
  async handler(payload) {
    const { processPendingWebhooks } = await import("./webhooks");
    const {
      orgs,
      processed,
      failed: eventsFailed,
      orgsFailed: failed,
    } = await processPendingWebhooks(payload);
    const counts = { orgs, processed, eventsFailed, failed };
    if (failed > 0) throw new JobFailure(`Webhook processing failed in ${failed} organisation(s).`, counts);
    return counts;
  },
});

/**
 * Daily at 03:45, per organisation by its settings (lib/integrations/retention.ts): deletes
 * integration_call rows older than integrations.calls.retention (P30D); read messages and decided
 * suggestions older than integrations.mail.retention (P180D), pseudonymising confirmed suggestions
 * that became activities; processed webhook events older than integrations.webhooks.retention (P30D),
 * failed ones after twice that. Idempotent.
 */
export const integrationsHousekeeping = defineJob({
  id: "integrations-housekeeping",
  cron: "45 3 * * *",
  payload: z.object({}).strict(),
  async handler() {
    const { purgeExpired } = await import("./retention");
    const counts = await purgeExpired();
    if (counts.failed > 0) {
      throw new JobFailure(`Integration housekeeping failed in ${counts.failed} organisation(s).`, counts);
    }
    return counts;
  },
});

/**
 * Every five minutes: reads each organisation's IMAP mailbox (lib/integrations/mail/inbox.ts),
 * each message once, and turns mail from a lead's contact into a suggestion on that lead. Safe to
 * run twice: a message is recorded once by its place and its Message-ID.
 */
export const mailInboxPoll = defineJob({
  id: "mail-inbox-poll",
  cron: "*/5 * * * *",
  payload: z.object({}).strict(),
  async handler(_payload, { db }) {
    const { pollInboxes } = await import("./mail/inbox");
    const counts = await pollInboxes(db);
    if (counts.orgsFailed > 0) {
      throw new JobFailure(`Reading the inbox failed in ${counts.orgsFailed} organisation(s).`, {
        ...counts,
      });
    }
    return { ...counts };
  },
});

/**
 * Every 15 minutes: Xentral's products changed since the last pull into the catalogue
 * (lib/integrations/xentral/products.ts), per organisation with a Xentral connection. Resumes from
 * the last stored cursor; re-reading is harmless (updatedAt decides).
 */
export const xentralProductsSync = defineJob({
  id: "xentral-products-sync",
  cron: "*/15 * * * *",
  payload: z.object({}).strict(),
  async handler(_payload, { db }) {
    const { pullAllProducts } = await import("./xentral/products");
    const counts = { ...(await pullAllProducts(db, "incremental")) };
    if (counts.orgsFailed > 0) {
      throw new JobFailure(`Xentral product pull failed in ${counts.orgsFailed} organisation(s).`, counts);
    }
    return counts;
  },
});

/**
 * Sundays at 04:15: the full reconciliation of Xentral's products — every page; disabled products
 * and those Xentral no longer lists (checked once more by number) become inactive.
 */
export const xentralProductsReconcile = defineJob({
  id: "xentral-products-reconcile",
  cron: "15 4 * * 0",
  payload: z.object({}).strict(),
  async handler(_payload, { db }) {
    const { pullAllProducts } = await import("./xentral/products");
    const counts = { ...(await pullAllProducts(db, "full")) };
    if (counts.orgsFailed > 0) {
      throw new JobFailure(`Xentral reconciliation failed in ${counts.orgsFailed} organisation(s).`, counts);
    }
    return counts;
  },
});
