import "server-only";

import { recordAudits, type AuditInput } from "@/lib/audit/service";
import type { DbContext, Tx } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import { queueLinkMail } from "./links";
import { FEEDBACK_TEMPLATES } from "./portal";
import { hashToken, newToken, sealToken } from "./tokens";

/**
 * The daily feedback mail (job samples-feedback-daily), per organisation in its own context:
 *
 * - invitations: a link with the customer's address that was neither sent nor opened gets its
 *   invitation once its test phase has ended. Only the token's hash is stored, so the job issues a
 *   fresh token for the link in place (nobody has opened the old one, so nobody loses a working
 *   link) and queues the invitation with it sealed, in the same transaction;
 * - reminders: a link invited `samples.feedback.reminder.after` (P5D) ago and still unanswered gets
 *   one reminder with the same link as its invitation (the invitation's sealed token is copied).
 *
 * Exactly once however often or concurrently it runs: the token is rotated only by the statement
 * that sets invited_at (WHERE invited_at IS NULL), and every mail is one outbox row under the
 * outbox's unique key per address and link.
 */

export interface FeedbackMailCounts {
  orgs: number;
  invitations: number;
  reminders: number;
  failed: number;
}

const DAY_MS = 86_400_000;

export async function runFeedbackMail(
  options: { now?: Date; actor?: DbContext["actor"] } = {},
): Promise<FeedbackMailCounts> {
  const now = options.now ?? new Date();
  let invitations = 0;
  let reminders = 0;
  const system: DbContext = {
    orgId: null,
    userId: null,
    roles: ["system"],
    actor: options.actor ?? { type: "system", id: "job:samples-feedback-daily" },
  };
  const { orgs, failed } = await forEachOrg(system, "samples-feedback-daily", async (tx, ctx) => {
    const events: AuditInput[] = [];
    invitations += await inviteEndedPhases(tx, now, events);
    reminders += await remind(tx, ctx, now, events);
    await recordAudits(tx, ctx, events);
  });
  return { orgs, invitations, reminders, failed };
}

async function inviteEndedPhases(tx: Tx, now: Date, events: AuditInput[]): Promise<number> {
  // A phase has ended once its last (UTC) day is over.
  const lastEndedDay = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  const due = await tx.$queryRaw<{ id: string }[]>`
    SELECT l.id FROM feedback_link l
    JOIN test_phase p ON p.org_id = l.org_id AND p.id = l.phase_id
    WHERE l.recipient_email IS NOT NULL AND l.invited_at IS NULL AND l.first_opened_at IS NULL
      AND l.submitted_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > ${now}
      AND p.end_date <= ${lastEndedDay}::date
    ORDER BY l.created_at`;
  let queued = 0;
  for (const { id } of due) {
    const token = newToken();
    const [link] = await tx.feedbackLink.updateManyAndReturn({
      where: { id, invitedAt: null, firstOpenedAt: null, submittedAt: null, revokedAt: null },
      data: { tokenHash: hashToken(token), invitedAt: now },
    });
    if (!link) continue;
    if (await queueLinkMail(tx, link, "invitation", sealToken(token))) {
      queued += 1;
      events.push({ action: "samples.feedback_link.invited", resourceType: "feedback_link", resourceId: id });
    }
  }
  return queued;
}

async function remind(tx: Tx, ctx: DbContext & { orgId: string }, now: Date, events: AuditInput[]) {
  const after = await readEffectiveValue(tx, ctx, "samples.feedback.reminder.after");
  const invitedBefore = new Date(now.getTime() - (durationToMs(after) ?? 5 * DAY_MS));
  const due = await tx.$queryRaw<{ id: string; sealed: string | null }[]>`
    SELECT l.id, o.payload ->> 'tokenSealed' AS sealed
    FROM feedback_link l
    JOIN notification_outbox o
      ON o.org_id = l.org_id AND o.recipient_user_id IS NULL AND o.recipient_email = l.recipient_email
     AND o.dedupe_key = 'samples.feedback.invitation:' || l.id::text
     AND o.template = ${FEEDBACK_TEMPLATES.invitation}
    WHERE l.invited_at <= ${invitedBefore} AND l.reminded_at IS NULL AND l.submitted_at IS NULL
      AND l.revoked_at IS NULL AND l.expires_at > ${now}
    ORDER BY l.invited_at`;
  let queued = 0;
  for (const { id, sealed } of due) {
    if (!sealed) continue;
    const link = await tx.feedbackLink.findUniqueOrThrow({ where: { id } });
    if (await queueLinkMail(tx, link, "reminder", sealed)) {
      queued += 1;
      events.push({
        action: "samples.feedback_link.reminded",
        resourceType: "feedback_link",
        resourceId: id,
      });
    }
  }
  return queued;
}
