import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { withOrg, type DbContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadLead, type LeadContext } from "@/lib/leads/access";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import { FEEDBACK_TEMPLATES } from "./portal";
import { type TCreateFeedbackLink } from "./schemas";
import { feedbackUrl, hashToken, newToken, sealToken } from "./tokens";

/**
 * Feedback links on the admin side: create (the token is in the answer, once, and nowhere else),
 * re-send (a new token for the same customer, the old link revoked, the draft carried over) and
 * revoke; and the invitation e-mail through the notification outbox.
 *
 * The invitation has to carry the link, and only the token's hash is stored. So the invitation is
 * queued in the transaction that creates the token, with the token sealed under a key the database
 * never sees (tokens.ts); the job that sends reminders copies that sealed token from the
 * invitation's row, so a reminder carries the very link the customer already has (a fresh token
 * would revoke it). A link created with an address but not sent (the test phase is still running)
 * is invited by the daily job when the phase ends: then no one has opened it yet, so the job gives
 * it a fresh token in place, which costs nobody a working link.
 */

export interface CreatedLink {
  id: string;
  url: string;
  /** Shown once: only its SHA-256 is stored. */
  token: string;
  expiresAt: string;
}

const DAY_MS = 86_400_000;

/** When a link created now expires (setting samples.feedback.link.ttl, default P21D). */
async function expiryFromNow(tx: Tx, orgId: string): Promise<Date> {
  const ttl = await readEffectiveValue(tx, { orgId, userId: null }, "samples.feedback.link.ttl");
  return new Date(Date.now() + (durationToMs(ttl) ?? 21 * DAY_MS));
}

/** True once the phase's last day is over (dates are calendar days, in UTC like the database). */
export function phaseEnded(endDate: Date, now = new Date()): boolean {
  return endDate.getTime() + DAY_MS <= now.getTime();
}

interface InvitableLink {
  id: string;
  orgId: string;
  phaseId: string;
  recipientName: string | null;
  recipientEmail: string | null;
  locale: string;
  expiresAt: Date;
}

/**
 * Queues the invitation (or the reminder) to the link's recipient, once per link and kind (the
 * outbox's unique key per address), with the token sealed. Returns whether a row was written.
 */
export async function queueLinkMail(
  tx: Tx,
  link: InvitableLink,
  kind: "invitation" | "reminder",
  sealedToken: string,
): Promise<boolean> {
  if (!link.recipientEmail) return false;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: link.orgId }, select: { name: true } });
  const { count } = await tx.notificationOutbox.createMany({
    data: [
      {
        orgId: link.orgId,
        recipientUserId: null,
        recipientEmail: link.recipientEmail,
        recipientLocale: link.locale,
        channel: "EMAIL",
        template: FEEDBACK_TEMPLATES[kind],
        payload: {
          linkId: link.id,
          phaseId: link.phaseId,
          recipientName: link.recipientName,
          senderName: org.name,
          expiresAt: link.expiresAt.toISOString(),
          // The link is feedbackUrl(openToken(tokenSealed)); the token itself is not stored.
          tokenSealed: sealedToken,
        },
        dedupeKey: `samples.feedback.${kind}:${link.id}`,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await tx.feedbackLink.update({
    where: { id: link.id },
    data: kind === "invitation" ? { invitedAt: new Date() } : { remindedAt: new Date() },
  });
  return true;
}

async function loadLink(tx: Tx, ctx: LeadContext, linkId: string) {
  const link = await tx.feedbackLink.findUnique({ where: { id: linkId } });
  if (!link)
    throw new AppError("not_found", "No such feedback link.", { text: { code: "samples.errors.notFound" } });
  await loadLead(tx, ctx, link.leadId, "sample.configure");
  return link;
}

function closed(): AppError {
  return new AppError("conflict", "This feedback link has been answered or revoked already.", {
    text: { code: "samples.errors.linkClosed" },
  });
}

async function issue(
  tx: Tx,
  ctx: DbContext & { orgId: string; userId: string | null },
  phase: { id: string; leadId: string; endDate: Date },
  input: TCreateFeedbackLink & { draft?: object; firstOpenedAt?: Date | null; replacesId?: string },
) {
  const token = newToken();
  const link = await tx.feedbackLink.create({
    data: {
      orgId: ctx.orgId,
      phaseId: phase.id,
      leadId: phase.leadId,
      tokenHash: hashToken(token),
      recipientName: input.recipientName ?? null,
      recipientEmail: input.recipientEmail ?? null,
      locale: input.locale ?? "de",
      expiresAt: await expiryFromNow(tx, ctx.orgId),
      draft: input.draft ?? {},
      firstOpenedAt: input.firstOpenedAt ?? null,
      replacesId: input.replacesId ?? null,
      createdBy: ctx.userId,
    },
  });
  const send = input.sendNow ?? phaseEnded(phase.endDate);
  const invited =
    send && input.recipientEmail ? await queueLinkMail(tx, link, "invitation", sealToken(token)) : false;
  return { link, token, invited };
}

/** A new link for a test phase; with `sendNow` (or once the phase has ended) the invitation is queued. */
export async function createFeedbackLink(
  ctx: LeadContext,
  phaseId: string,
  input: TCreateFeedbackLink = {},
): Promise<CreatedLink> {
  if (input.sendNow && !input.recipientEmail) {
    throw new AppError("bad_request", "The link has no recipient e-mail address to send the invitation to.", {
      text: { code: "samples.errors.noEmail" },
      fieldErrors: [{ path: "recipientEmail", message: "required to send", code: "samples.errors.noEmail" }],
    });
  }
  return withOrg(ctx, async (tx) => {
    const phase = await tx.testPhase.findUnique({ where: { id: phaseId } });
    if (!phase)
      throw new AppError("not_found", "No such test phase.", { text: { code: "samples.errors.notFound" } });
    await loadLead(tx, ctx, phase.leadId, "sample.configure");
    const { link, token, invited } = await issue(tx, ctx, phase, input);
    await recordAudit(tx, ctx, {
      action: "samples.feedback_link.created",
      resourceType: "feedback_link",
      resourceId: link.id,
      after: {
        phaseId,
        recipientName: link.recipientName,
        recipientEmail: link.recipientEmail,
        locale: link.locale,
        expiresAt: link.expiresAt,
        invited,
      },
    });
    return { id: link.id, url: feedbackUrl(token), token, expiresAt: link.expiresAt.toISOString() };
  });
}

/**
 * Re-sends a link: a new token for the same recipient (the invitation queued when there is an
 * address), the old link revoked; what the customer saved so far moves to the new link.
 */
export async function resendFeedbackLink(ctx: LeadContext, linkId: string): Promise<CreatedLink> {
  return withOrg(ctx, async (tx) => {
    const old = await loadLink(tx, ctx, linkId);
    if (old.submittedAt || old.revokedAt) throw closed();
    const phase = await tx.testPhase.findUniqueOrThrow({ where: { id: old.phaseId } });
    await tx.feedbackLink.update({ where: { id: old.id }, data: { revokedAt: new Date() } });
    const { link, token, invited } = await issue(tx, ctx, phase, {
      recipientName: old.recipientName ?? undefined,
      recipientEmail: old.recipientEmail ?? undefined,
      locale: old.locale === "en" ? "en" : "de",
      sendNow: Boolean(old.recipientEmail),
      draft: (old.draft ?? {}) as object,
      firstOpenedAt: old.firstOpenedAt,
      replacesId: old.id,
    });
    await recordAudit(tx, ctx, {
      action: "samples.feedback_link.resent",
      resourceType: "feedback_link",
      resourceId: link.id,
      before: { linkId: old.id },
      after: { linkId: link.id, expiresAt: link.expiresAt, invited },
    });
    return { id: link.id, url: feedbackUrl(token), token, expiresAt: link.expiresAt.toISOString() };
  });
}

/** Revokes a link: the customer's page answers "not found" from now on. */
export async function revokeFeedbackLink(ctx: LeadContext, linkId: string): Promise<void> {
  await withOrg(ctx, async (tx) => {
    const link = await loadLink(tx, ctx, linkId);
    if (link.submittedAt) throw closed();
    if (link.revokedAt) return;
    await tx.feedbackLink.update({ where: { id: link.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "samples.feedback_link.revoked",
      resourceType: "feedback_link",
      resourceId: link.id,
    });
  });
}
