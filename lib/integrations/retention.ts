import "server-only";

import { systemContext, type OrgContext, type Tx } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import { purgeCallsBefore } from "./queries";

/**
 * The job integrations-housekeeping, per organisation and by its own settings (ISO 8601 durations):
 *
 * - integrations.calls.retention (P30D): integration_call keeps the recent calls only.
 * - integrations.mail.retention (P180D): messages the inbox read (mail_message) received before it
 *   go, and with them their decided suggestions. A message with a PENDING suggestion stays until
 *   someone decides. A CONFIRMED suggestion that became an activity stays, pseudonymised: sender,
 *   name, subject, excerpt and AI summary cleared (the activity keeps what the user wrote); its
 *   message stays without its Message-ID.
 * - integrations.webhooks.retention (P30D): PROCESSED webhook events received before it go; FAILED
 *   ones after twice as long (time to replay them); RECEIVED ones (still to process) stay.
 */

export type HousekeepingCounts = {
  orgs: number;
  failed: number;
  /** integration_call rows deleted (the field's old name: the job's result keeps it). */
  deleted: number;
  mailMessages: number;
  suggestionsPseudonymised: number;
  webhookEvents: number;
};

type RetentionKey =
  "integrations.calls.retention" | "integrations.mail.retention" | "integrations.webhooks.retention";

async function cutoff(tx: Tx, ctx: OrgContext, key: RetentionKey, now: Date) {
  const value = await readEffectiveValue(tx, ctx, key);
  const ms = durationToMs(value);
  if (ms === null) throw new Error(`${key} is not an ISO 8601 duration: ${value}`);
  return { before: new Date(now.getTime() - ms), ms };
}

/** Pseudonymises old confirmed suggestions, then deletes old messages no one needs. */
export async function purgeMail(
  tx: Tx,
  orgId: string,
  before: Date,
): Promise<{ messages: number; pseudonymised: number }> {
  const pseudonymised = await tx.$executeRaw`
    UPDATE mail_suggestion
    SET from_address = '', from_name = NULL, subject = '', excerpt = '', proposed_summary = NULL,
        pseudonymised_at = now()
    WHERE org_id = ${orgId}::uuid AND status = 'CONFIRMED' AND activity_id IS NOT NULL
      AND pseudonymised_at IS NULL AND received_at < ${before}`;
  await tx.$executeRaw`
    UPDATE mail_message m SET message_id = NULL
    WHERE m.org_id = ${orgId}::uuid AND m.received_at < ${before} AND m.message_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM mail_suggestion s
                  WHERE s.org_id = m.org_id AND s.message_ref = m.id AND s.pseudonymised_at IS NOT NULL)`;
  // Its decided suggestions go with it (ON DELETE CASCADE).
  const messages = await tx.$executeRaw`
    DELETE FROM mail_message m
    WHERE m.org_id = ${orgId}::uuid AND m.received_at < ${before}
      AND NOT EXISTS (SELECT 1 FROM mail_suggestion s
                      WHERE s.org_id = m.org_id AND s.message_ref = m.id
                        AND (s.status = 'PENDING' OR s.pseudonymised_at IS NOT NULL))`;
  return { messages, pseudonymised };
}

/** Deletes processed webhook events received before `before`, failed ones before `failedBefore`. */
export function purgeWebhookEvents(tx: Tx, orgId: string, before: Date, failedBefore: Date): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM integration_webhook_event
    WHERE org_id = ${orgId}::uuid
      AND ((status = 'PROCESSED' AND received_at < ${before})
           OR (status = 'FAILED' AND received_at < ${failedBefore}))`;
}

export async function purgeExpired(now = new Date()): Promise<HousekeepingCounts> {
  const counts = { deleted: 0, mailMessages: 0, suggestionsPseudonymised: 0, webhookEvents: 0 };
  const { orgs, failed } = await forEachOrg(
    systemContext("integrations-housekeeping"),
    "integrations-housekeeping",
    async (tx, ctx) => {
      const calls = await cutoff(tx, ctx, "integrations.calls.retention", now);
      counts.deleted += await purgeCallsBefore(tx, ctx.orgId, calls.before);
      const mail = await cutoff(tx, ctx, "integrations.mail.retention", now);
      const purged = await purgeMail(tx, ctx.orgId, mail.before);
      counts.mailMessages += purged.messages;
      counts.suggestionsPseudonymised += purged.pseudonymised;
      const hooks = await cutoff(tx, ctx, "integrations.webhooks.retention", now);
      counts.webhookEvents += await purgeWebhookEvents(
        tx,
        ctx.orgId,
        hooks.before,
        new Date(now.getTime() - 2 * hooks.ms),
      );
    },
  );
  return { orgs, failed, ...counts };
}

/** integration_call's part alone (kept for its callers). */
export async function purgeExpiredCalls(
  now = new Date(),
): Promise<{ orgs: number; deleted: number; failed: number }> {
  let deleted = 0;
  const { orgs, failed } = await forEachOrg(
    systemContext("integrations-housekeeping"),
    "integrations-housekeeping",
    async (tx, ctx) => {
      deleted += await purgeCallsBefore(
        tx,
        ctx.orgId,
        (await cutoff(tx, ctx, "integrations.calls.retention", now)).before,
      );
    },
  );
  return { orgs, deleted, failed };
}
